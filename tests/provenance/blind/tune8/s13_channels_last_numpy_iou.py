# the HWC numpy images are converted with torch.from_numpy but never permuted to CHW, so Conv2d sees 64 channels
# expect: torch.from_numpy(self.images[i])
# also-accept: img
# category: shape/permute
# made-at: 24
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)


class TileDataset(Dataset):
    def __init__(self, n=20, size=64):
        self.images = rng.random((n, size, size, 3), dtype=np.float32)   # H, W, C like PIL/cv2
        self.masks = rng.integers(0, 2, (n, size, size))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = torch.from_numpy(self.images[i])
        mask = torch.from_numpy(self.masks[i]).long()
        return img, mask


class TinyUNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.down = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.mid = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.out = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        return self.out(self.up(self.mid(self.down(x))))


def binary_iou(pred, target):
    inter = ((pred == 1) & (target == 1)).sum().float()
    union = ((pred == 1) | (target == 1)).sum().float()
    return (inter / union.clamp(min=1)).item()


model = TinyUNet().eval()
loader = DataLoader(TileDataset(), batch_size=4)
scores = []
with torch.no_grad():
    for imgs, masks in loader:
        pred = model(imgs).argmax(1)
        scores.append(binary_iou(pred, masks))
print("val IoU:", sum(scores) / len(scores))
