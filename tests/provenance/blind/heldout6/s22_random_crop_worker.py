# The random crop draws its start anywhere in the clip instead of in [0, len - crop], so late starts give short crops and the default collate cannot stack them in the worker
# expect: start = int(torch.randint(0, len(wav), (1,), generator=g))
# category: data/collate
# made-at: 31
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClipDataset(Dataset):
    def __init__(self, n_clips=200, sr=8000, crop_seconds=1.0, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.lengths = torch.randint(int(1.5 * sr), 3 * sr, (n_clips,), generator=g).tolist()
        self.labels = torch.randint(0, 4, (n_clips,), generator=g).tolist()
        self.sr = sr
        self.crop = int(crop_seconds * sr)
        self.seed = seed

    def __len__(self):
        return len(self.lengths)

    def load(self, i):
        t = torch.arange(self.lengths[i]) / self.sr
        return torch.sin(2 * math.pi * (200 + 100 * self.labels[i]) * t)

    def __getitem__(self, i):
        wav = self.load(i)
        g = torch.Generator().manual_seed(self.seed * 100003 + i)
        start = int(torch.randint(0, len(wav), (1,), generator=g))
        clip = wav[start:start + self.crop]
        return clip.unsqueeze(0), self.labels[i]


class TinyAudioNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(1, 16, 80, stride=4), nn.ReLU(), nn.MaxPool1d(4),
            nn.Conv1d(16, 32, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 4),
        )

    def forward(self, x):
        return self.net(x)


def train_one_epoch(model, loader, opt):
    for x, y in loader:
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(ClipDataset(), batch_size=16, shuffle=True, num_workers=2)
    model = TinyAudioNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(train_one_epoch(model, loader, opt))
