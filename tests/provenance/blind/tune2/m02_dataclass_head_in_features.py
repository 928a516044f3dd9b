# head in_features assumes two poolings (image_size // 4) but the model stacks three blocks, each halving the size
# expect: self.head
# also-accept: cfg.image_size // 4
# category: shape/matmul-mismatch
# made-at: 52
from dataclasses import dataclass, field

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


@dataclass
class Config:
    image_size: int = 64
    channels: tuple = (16, 32, 64)
    num_classes: int = 5
    batch_size: int = 8
    lr: float = 3e-4
    epochs: int = 3
    tags: list = field(default_factory=lambda: ["baseline"])


class ShapesDataset(Dataset):
    def __init__(self, n, cfg):
        g = torch.Generator().manual_seed(1)
        self.images = torch.rand(n, 3, cfg.image_size, cfg.image_size, generator=g)
        self.labels = torch.randint(0, cfg.num_classes, (n,), generator=g)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


def conv_block(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2)
    )


class Classifier(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        blocks, cin = [], 3
        for cout in cfg.channels:
            blocks.append(conv_block(cin, cout))
            cin = cout
        self.features = nn.Sequential(*blocks)
        feat = cfg.image_size // 4
        self.head = nn.Linear(cfg.channels[-1] * feat * feat, cfg.num_classes)

    def forward(self, x):
        x = self.features(x)
        return self.head(torch.flatten(x, 1))


def evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(1) == y).sum().item()
    return correct / len(loader.dataset)


cfg = Config()
model = Classifier(cfg)
train_loader = DataLoader(ShapesDataset(64, cfg), batch_size=cfg.batch_size, shuffle=True)
val_loader = DataLoader(ShapesDataset(16, cfg), batch_size=cfg.batch_size)
optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
criterion = nn.CrossEntropyLoss()

for epoch in range(cfg.epochs):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
    print(epoch, evaluate(model, val_loader))
