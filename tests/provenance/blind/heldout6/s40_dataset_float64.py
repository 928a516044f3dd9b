# the Dataset hands out float64 feature arrays straight from numpy, so the collated batches are double while the model is float
# expect: torch.from_numpy(self.features[i])
# also-accept: self.features = (raw - raw.mean(0)) / raw.std(0)
# category: dtype/data
# made-at: 35
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


@dataclass
class Config:
    n_rows: int = 2000
    n_features: int = 12
    batch_size: int = 64
    lr: float = 1e-3
    epochs: int = 3
    num_workers: int = 2


class SensorDataset(Dataset):
    def __init__(self, n_rows, n_features, seed=0):
        rng = np.random.default_rng(seed)
        raw = rng.normal(loc=5.0, scale=2.0, size=(n_rows, n_features))
        self.features = (raw - raw.mean(0)) / raw.std(0)
        self.targets = (self.features[:, :3].sum(1) > 0).astype(np.int64)

    def __len__(self):
        return len(self.targets)

    def __getitem__(self, i):
        x = torch.from_numpy(self.features[i])
        y = torch.tensor(self.targets[i])
        return x, y


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        torch.manual_seed(0)
        self.model = nn.Sequential(nn.Linear(cfg.n_features, 64), nn.ReLU(),
                                   nn.Dropout(0.1), nn.Linear(64, 2))
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr)
        self.loader = DataLoader(SensorDataset(cfg.n_rows, cfg.n_features), batch_size=cfg.batch_size,
                                 shuffle=True, num_workers=cfg.num_workers)

    def step(self, x, y):
        logits = self.model(x)
        loss = nn.functional.cross_entropy(logits, y)
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()

    def fit(self):
        for epoch in range(self.cfg.epochs):
            losses = [self.step(x, y) for x, y in self.loader]
            print(f"epoch {epoch}: {np.mean(losses):.4f}")


if __name__ == "__main__":
    Trainer(Config()).fit()
