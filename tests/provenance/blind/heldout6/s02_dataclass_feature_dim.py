# The dataclass default feature_dim = 64 * 4 * 4 assumes 32x32 inputs, but the encoder sees 28x28 images and flattens 64*3*3 features
# expect: feature_dim: int = 64 * 4 * 4
# category: shape/config
# made-at: 16
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class ModelConfig:
    in_channels: int = 1
    image_size: int = 28
    widths: tuple = (16, 32, 64)
    feature_dim: int = 64 * 4 * 4
    num_classes: int = 10


@dataclass
class TrainConfig:
    steps: int = 20
    batch_size: int = 32
    lr: float = 1e-3
    seed: int = 0


class ConvEncoder(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        layers = []
        c = cfg.in_channels
        for w in cfg.widths:
            layers += [nn.Conv2d(c, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU(), nn.MaxPool2d(2)]
            c = w
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x).flatten(1)


class Classifier(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.encoder = ConvEncoder(cfg)
        self.head = nn.Sequential(nn.Linear(cfg.feature_dim, 128), nn.ReLU(), nn.Linear(128, cfg.num_classes))

    def forward(self, x):
        return self.head(self.encoder(x))


def fake_batch(mcfg, tcfg, g):
    x = torch.randn(tcfg.batch_size, mcfg.in_channels, mcfg.image_size, mcfg.image_size, generator=g)
    y = torch.randint(0, mcfg.num_classes, (tcfg.batch_size,), generator=g)
    return x, y


def main():
    mcfg, tcfg = ModelConfig(), TrainConfig()
    torch.manual_seed(tcfg.seed)
    g = torch.Generator().manual_seed(tcfg.seed)
    model = Classifier(mcfg)
    opt = torch.optim.Adam(model.parameters(), lr=tcfg.lr)
    for step in range(tcfg.steps):
        x, y = fake_batch(mcfg, tcfg, g)
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 5 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
