# Photos of different sizes returned by __getitem__ without a resize/crop, so default collate cannot stack them
# expect: img
# also-accept: self.transform
# category: shape/collate-unequal
# made-at: 31
import torch
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


def fake_decode(i):
    h = 200 + 8 * (i % 5)
    w = 300 - 4 * (i % 3)
    return torch.randint(0, 256, (3, h, w), dtype=torch.uint8)


def to_float(img):
    return img.float() / 255.0


class PhotoFolder(Dataset):
    def __init__(self, n=20, transform=to_float):
        self.n = n
        self.transform = transform

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        img = self.transform(fake_decode(i))
        return img, i % 2


loader = DataLoader(PhotoFolder(), batch_size=4)
for imgs, labels in loader:
    print(imgs.shape)

    print(labels)


def channel_stats(loader):
    total, count = torch.zeros(3), 0
    for imgs, _ in loader:
        total += imgs.mean(dim=(2, 3)).sum(0)
        count += imgs.size(0)
    return total / count


print("mean per channel", channel_stats(loader))


# raises: RuntimeError: stack expects each tensor to be equal size, but got [3, 200, 300] at entry 0 and [3, 208, 296] at entry 1
