# The training config's device field defaults to "cuda" on a machine whose torch has no CUDA
# expect: device: str = "cuda"
# category: device/unavailable
# made-at: 19
from dataclasses import dataclass, field

import torch
import torch.nn as nn


@dataclass
class TrainConfig:
    in_dim: int = 32
    hidden: list = field(default_factory=lambda: [128, 64])
    n_classes: int = 5
    lr: float = 1e-3
    epochs: int = 2
    batch_size: int = 64
    device: str = "cuda"
    seed: int = 0


class MLP(nn.Module):
    def __init__(self, cfg: TrainConfig):
        super().__init__()
        dims = [cfg.in_dim] + cfg.hidden
        layers = []
        for a, b in zip(dims[:-1], dims[1:]):
            layers += [nn.Linear(a, b), nn.ReLU()]
        self.body = nn.Sequential(*layers)
        self.head = nn.Linear(dims[-1], cfg.n_classes)

    def forward(self, x):
        return self.head(self.body(x))


class Trainer:
    def __init__(self, cfg: TrainConfig):
        torch.manual_seed(cfg.seed)
        self.cfg = cfg
        self.model = MLP(cfg).to(cfg.device)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr)

    def fit(self, x, y):
        for epoch in range(self.cfg.epochs):
            for i in range(0, len(x), self.cfg.batch_size):
                xb = x[i : i + self.cfg.batch_size].to(self.cfg.device)
                yb = y[i : i + self.cfg.batch_size].to(self.cfg.device)
                loss = nn.functional.cross_entropy(self.model(xb), yb)
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()


if __name__ == "__main__":
    cfg = TrainConfig()
    x, y = torch.randn(256, cfg.in_dim), torch.randint(0, cfg.n_classes, (256,))
    Trainer(cfg).fit(x, y)
