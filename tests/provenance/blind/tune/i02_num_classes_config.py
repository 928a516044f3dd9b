# cfg.num_classes says 9 but the dataset has 10 classes (0..9), so class 9 is out of range for the classifier
# expect: cfg.num_classes
# also-accept: self.classifier
# category: index/class-out-of-range
# made-at: 17
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class TrainConfig:
    in_dim: int = 32
    hidden: int = 64
    num_classes: int = 9
    batch_size: int = 20
    epochs: int = 2
    lr: float = 1e-3
    seed: int = 0


class Classifier(nn.Module):
    def __init__(self, cfg: TrainConfig):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(cfg.in_dim, cfg.hidden), nn.ReLU())
        self.classifier = nn.Linear(cfg.hidden, cfg.num_classes)

    def forward(self, x):
        return self.classifier(self.body(x))


def make_data(cfg):
    g = torch.Generator().manual_seed(cfg.seed)
    x = torch.randn(200, cfg.in_dim, generator=g)
    y = torch.arange(200) % 10
    return DataLoader(TensorDataset(x, y), batch_size=cfg.batch_size, shuffle=True, generator=g)


def main(cfg: TrainConfig):
    torch.manual_seed(cfg.seed)
    model = Classifier(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for epoch in range(cfg.epochs):
        for x, y in make_data(cfg):
            loss = loss_fn(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    main(TrainConfig())

# raises: IndexError: Target 9 is out of bounds.
