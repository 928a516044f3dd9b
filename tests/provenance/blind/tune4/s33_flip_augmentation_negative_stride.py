# The horizontal-flip augmentation makes a negatively strided numpy view, which torch.from_numpy cannot wrap
# expect: img[:, ::-1]
# also-accept: img
# category: data/numpy-stride
# made-at: 19
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RandomFlip:
    def __init__(self, p=0.5, seed=0):
        self.p = p
        self.rng = np.random.default_rng(seed)

    def __call__(self, img):
        if self.rng.random() < self.p:
            img = img[:, ::-1]
        return img


class GrayImages(Dataset):
    def __init__(self, n=40, transform=None):
        rng = np.random.default_rng(1)
        self.images = rng.random((n, 24, 24), dtype=np.float32)
        self.labels = rng.integers(0, 3, n)
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = self.images[i]
        if self.transform is not None:
            img = self.transform(img)
        return torch.from_numpy(img).unsqueeze(0), int(self.labels[i])


loader = DataLoader(GrayImages(transform=RandomFlip()), batch_size=8, shuffle=True, num_workers=2)
model = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3))
for x, y in loader:
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
