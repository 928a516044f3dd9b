# __len__ counts every frame as a clip start, although a clip needs clip_len frames after its start
# expect: len(self.frames)
# also-accept: __len__
# category: index/dataset-len
# made-at: 20
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClipDataset(Dataset):
    """Overlapping clips of `clip_len` frames from one long synthetic video."""

    def __init__(self, n_frames=40, clip_len=8, size=16):
        g = torch.Generator().manual_seed(0)
        self.frames = torch.rand(n_frames, 3, size, size, generator=g)
        self.clip_len = clip_len

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, start):
        clip = self.frames[start : start + self.clip_len]
        target = self.frames[start + self.clip_len]
        return clip.permute(1, 0, 2, 3), target


class NextFrame(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv3d(3, 3, kernel_size=(8, 3, 3), padding=(0, 1, 1))

    def forward(self, clip):
        return self.conv(clip).squeeze(2)


torch.manual_seed(0)
model = NextFrame()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(ClipDataset(), batch_size=4, shuffle=True, num_workers=2)
for clip, target in loader:
    loss = nn.functional.mse_loss(model(clip), target)
    opt.zero_grad()
    loss.backward()
    opt.step()
