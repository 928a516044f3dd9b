# the validation dataset is built without the to_tensor transform, so it yields raw Frame objects that the default collate cannot batch
# expect: val_set
# also-accept: transform
# category: data/bad-sample-type
# made-at: 54
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


@dataclass
class Frame:
    """What our video decoder hands back: raw uint8 pixels plus metadata."""

    pixels: np.ndarray
    timestamp: float


def to_tensor(frame: Frame) -> torch.Tensor:
    return torch.from_numpy(frame.pixels).permute(2, 0, 1).float() / 255.0


class FrameDataset(Dataset):
    def __init__(self, n, seed, transform=None):
        rng = np.random.default_rng(seed)
        self.frames = [Frame(rng.integers(0, 256, (24, 24, 3), dtype=np.uint8), t / 30) for t in range(n)]
        self.labels = rng.integers(0, 2, n)
        self.transform = transform

    def __len__(self):
        return len(self.frames)

    def __getitem__(self, i):
        frame = self.frames[i]
        if self.transform is not None:
            frame = self.transform(frame)
        return frame, int(self.labels[i])


def accuracy(model, loader):
    model.eval()
    hits = 0
    with torch.no_grad():
        for x, y in loader:
            hits += (model(x).argmax(1) == y).sum().item()
    return hits / len(loader.dataset)


if __name__ == "__main__":
    train_set = FrameDataset(64, seed=0, transform=to_tensor)
    val_set = FrameDataset(16, seed=1)
    train_loader = DataLoader(train_set, batch_size=16, shuffle=True, num_workers=2)
    val_loader = DataLoader(val_set, batch_size=16, num_workers=2)

    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        model.train()
        for x, y in train_loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: val acc {accuracy(model, val_loader):.2f}")
