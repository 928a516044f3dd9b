# init_hidden is called with the configured batch size, but the last batch of the epoch is smaller, so the GRU gets a hidden state of the wrong batch size.
# expect: self.cfg.batch_size
# also-accept: self.init_hidden(self.cfg.batch_size), h0
# category: shape/last-batch
# made-at: 51
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)


@dataclass
class Config:
    window: int = 24
    n_features: int = 3
    hidden: int = 32
    num_layers: int = 2
    batch_size: int = 32
    epochs: int = 2
    lr: float = 1e-3


class SlidingWindow(Dataset):
    def __init__(self, series, window):
        self.series = torch.from_numpy(series).float()
        self.window = window

    def __len__(self):
        return len(self.series) - self.window

    def __getitem__(self, i):
        return self.series[i:i + self.window], self.series[i + self.window, 0]


class LoadForecaster(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.gru = nn.GRU(cfg.n_features, cfg.hidden, cfg.num_layers, batch_first=True)
        self.out = nn.Linear(cfg.hidden, 1)

    def init_hidden(self, batch_size):
        return torch.zeros(self.cfg.num_layers, batch_size, self.cfg.hidden)

    def forward(self, x):
        h0 = self.init_hidden(self.cfg.batch_size)
        out, _ = self.gru(x, h0)
        return self.out(out[:, -1]).squeeze(-1)


# electricity load with temperature and hour-of-day covariates
T = 390
t = np.arange(T)
load = np.sin(2 * np.pi * t / 24) + 0.3 * rng.standard_normal(T)
temp = np.cos(2 * np.pi * t / (24 * 7)) + 0.1 * rng.standard_normal(T)
hour = (t % 24) / 23
series = np.stack([load, temp, hour], axis=1)

cfg = Config()
loader = DataLoader(SlidingWindow(series, cfg.window), batch_size=cfg.batch_size, shuffle=False)
model = LoadForecaster(cfg)
opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
for epoch in range(cfg.epochs):
    for x, y in loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(x), y)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
