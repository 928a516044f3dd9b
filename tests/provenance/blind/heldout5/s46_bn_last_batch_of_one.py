# The training loader keeps the last partial batch (257 rows, batch 64 leaves 1), and BatchNorm1d cannot normalise a batch of one in training mode
# expect: DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True)
# category: data/last-batch
# made-at: 38
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class Cfg:
    n_rows: int = 257
    n_features: int = 14
    batch_size: int = 64
    epochs: int = 2


class CreditModel(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(d, 64), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Linear(32, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


def make_loaders(cfg):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(cfg.n_rows, cfg.n_features, generator=g)
    y = (x[:, 0] + x[:, 1] > 0).float()
    train_ds = TensorDataset(x, y)
    train_loader = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True)
    return train_loader


def train_one_epoch(model, loader, opt):
    model.train()
    crit = nn.BCEWithLogitsLoss()
    for xb, yb in loader:
        loss = crit(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    cfg = Cfg()
    torch.manual_seed(0)
    model = CreditModel(cfg.n_features)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = make_loaders(cfg)
    for epoch in range(cfg.epochs):
        print(epoch, train_one_epoch(model, loader, opt))
