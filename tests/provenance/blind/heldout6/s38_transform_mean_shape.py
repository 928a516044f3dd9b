# the normalisation mean and std are flat (3,) tensors, so they broadcast against the image width instead of the channels
# expect: self.mean = torch.tensor(mean)
# also-accept: self.std = torch.tensor(std)
# category: shape/transform
# made-at: 13
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class Normalize:
    def __init__(self, mean, std):
        self.mean = torch.tensor(mean)
        self.std = torch.tensor(std)

    def __call__(self, img):
        return (img - self.mean) / self.std


class RandomHFlip:
    def __init__(self, p=0.5, seed=0):
        self.p = p
        self.g = torch.Generator().manual_seed(seed)

    def __call__(self, img):
        if torch.rand(1, generator=self.g).item() < self.p:
            return img.flip(-1)
        return img


class Compose:
    def __init__(self, ts):
        self.ts = ts

    def __call__(self, x):
        for t in self.ts:
            x = t(x)
        return x


class ShapesDataset(Dataset):
    def __init__(self, n=256, size=32, transform=None, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.images = torch.rand(n, 3, size, size, generator=g)
        self.labels = torch.randint(0, 4, (n,), generator=g)
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        img = self.images[i]
        if self.transform is not None:
            img = self.transform(img)
        return img, self.labels[i]


def build_model():
    return nn.Sequential(
        nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(32, 4),
    )


def main():
    torch.manual_seed(0)
    tf = Compose([RandomHFlip(), Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
    ds = ShapesDataset(transform=tf)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=2)
    model = build_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(2):
        for x, y in loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} loss {loss.item():.4f}")


if __name__ == "__main__":
    main()
