# the random crop size is relative to each image's own size, so images of different sizes give crops of different sizes that cannot be batched
# expect: size
# also-accept: self.scale
# category: data/inconsistent-sample-size
# made-at: 18
import random

import torch
from torch.utils.data import DataLoader, Dataset


class RandomCrop:
    def __init__(self, scale=0.75):
        self.scale = scale

    def __call__(self, img):
        _, h, w = img.shape
        size = int(min(h, w) * self.scale)
        top = random.randint(0, h - size)
        left = random.randint(0, w - size)
        return img[:, top:top + size, left:left + size]


class MixedSizeImages(Dataset):
    def __init__(self, transform):
        self.sizes = [40, 48, 56, 64] * 8
        self.transform = transform

    def __len__(self):
        return len(self.sizes)

    def __getitem__(self, i):
        s = self.sizes[i]
        img = torch.rand(3, s, s)
        return self.transform(img), i % 3


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(MixedSizeImages(RandomCrop()), batch_size=8, shuffle=True, num_workers=2)
    net = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten())
    for imgs, labels in loader:
        print(net(imgs).shape)
