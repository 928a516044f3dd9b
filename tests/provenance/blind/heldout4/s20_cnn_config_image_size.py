# The config's image size (32) does not match the 28x28 images, and the classifier's input width is derived from it
# expect: image_size: int = 32
# also-accept: cfg.image_size, image_size
# category: shape/linear-in-features
# made-at: 15
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class TrainConfig:
    image_size: int = 32
    in_channels: int = 1
    n_classes: int = 10
    width: int = 16
    batch_size: int = 64
    lr: float = 1e-3


class ConvNet(nn.Module):
    def __init__(self, cfg: TrainConfig):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(cfg.in_channels, cfg.width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(cfg.width, cfg.width * 2, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        side = cfg.image_size // 4
        self.classifier = nn.Linear(cfg.width * 2 * side * side, cfg.n_classes)

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


cfg = TrainConfig()
images = torch.rand(256, 1, 28, 28)
labels = torch.randint(0, 10, (256,))
loader = DataLoader(TensorDataset(images, labels), batch_size=cfg.batch_size, shuffle=True)
model = ConvNet(cfg)
opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
for x, y in loader:
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
