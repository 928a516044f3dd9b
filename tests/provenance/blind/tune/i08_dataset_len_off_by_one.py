# __len__ returns one more than the number of samples, so a DataLoader worker indexes past the end of the tensor
# expect: __len__
# also-accept: self.frames
# category: index/out-of-bounds
# made-at: 16
import torch
from torch.utils.data import DataLoader, Dataset


class VideoFrames(Dataset):
    def __init__(self, n_frames=30):
        g = torch.Generator().manual_seed(0)
        self.frames = torch.rand(n_frames, 3, 16, 16, generator=g)

    def __len__(self):
        return len(self.frames) + 1

    def __getitem__(self, idx):
        frame = self.frames[idx]
        return frame, idx % 2


if __name__ == "__main__":
    loader = DataLoader(VideoFrames(), batch_size=8, num_workers=2)
    for frames, labels in loader:
        print(frames.shape)

# raises: IndexError: index 30 is out of bounds for dimension 0 with size 30
