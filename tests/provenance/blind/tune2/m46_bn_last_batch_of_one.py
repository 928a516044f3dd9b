# 161 samples with batch_size 32 leave a last training batch of one sample, which BatchNorm1d cannot normalise in train mode (drop_last=True)
# expect: train_loader
# also-accept: DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True)
# category: shape/batchnorm-single-sample
# made-at: 45
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class Hyper:
    n_train: int = 161
    n_val: int = 40
    batch_size: int = 32
    hidden: int = 64
    lr: float = 1e-3
    epochs: int = 2


def make_split(n, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 20, generator=g)
    y = (x[:, :4].sum(1) > 0).long()
    return TensorDataset(x, y)


class TabularNet(nn.Module):
    def __init__(self, hidden):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(20, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, 2),
        )

    def forward(self, x):
        return self.net(x)


cfg = Hyper()
train_set, val_set = make_split(cfg.n_train, 0), make_split(cfg.n_val, 1)
train_loader = DataLoader(train_set, batch_size=cfg.batch_size, shuffle=True)
val_loader = DataLoader(val_set, batch_size=cfg.batch_size)
model = TabularNet(cfg.hidden)
opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)

for epoch in range(cfg.epochs):
    model.train()
    for x, y in train_loader:
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = sum((model(x).argmax(1) == y).sum().item() for x, y in val_loader) / cfg.n_val
    print(f"epoch {epoch}: val acc {acc:.3f}")
