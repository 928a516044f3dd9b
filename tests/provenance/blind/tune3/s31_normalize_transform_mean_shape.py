# the Normalize transform keeps mean/std as flat (3,) tensors, which broadcast against the image width instead of its channels
# expect: self.mean
# also-accept: self.std
# category: shape/broadcast-transform
# made-at: 12
import torch
from torch.utils.data import DataLoader, Dataset


class Normalize:
    def __init__(self, mean, std):
        self.mean = torch.tensor(mean)
        self.std = torch.tensor(std)

    def __call__(self, img):
        return (img - self.mean) / self.std


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, img):
        for t in self.transforms:
            img = t(img)
        return img


def to_float(img):
    return img.float() / 255.0


class SyntheticImages(Dataset):
    def __init__(self, n=64, transform=None):
        g = torch.Generator().manual_seed(0)
        self.images = torch.randint(0, 256, (n, 3, 32, 32), dtype=torch.uint8, generator=g)
        self.labels = torch.randint(0, 10, (n,), generator=g)
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = self.images[i]
        if self.transform:
            img = self.transform(img)
        return img, self.labels[i]


if __name__ == "__main__":
    tf = Compose([to_float, Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    loader = DataLoader(SyntheticImages(transform=tf), batch_size=16, num_workers=2)
    for imgs, labels in loader:
        print(imgs.shape, imgs.mean().item())
