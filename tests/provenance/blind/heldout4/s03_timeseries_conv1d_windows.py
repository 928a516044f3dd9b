# The window dataset returns (time, variables) but Conv1d wants (variables, time) per sample
# expect: self.series[i : i + self.window]
# also-accept: self.series
# category: shape/conv-channels
# made-at: 33
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


@dataclass
class Config:
    n_vars: int = 7
    window: int = 24
    horizon: int = 1
    channels: int = 16
    batch_size: int = 32
    lr: float = 1e-3


class WindowDataset(Dataset):
    def __init__(self, series, window, horizon):
        self.series = series  # (T, n_vars)
        self.window = window
        self.horizon = horizon

    def __len__(self):
        return len(self.series) - self.window - self.horizon

    def __getitem__(self, i):
        x = self.series[i : i + self.window]
        y = self.series[i + self.window + self.horizon - 1, 0]
        return x, y


class TCN(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(cfg.n_vars, cfg.channels, 3, padding=1),
            nn.ReLU(),
            nn.Conv1d(cfg.channels, cfg.channels, 3, padding=2, dilation=2),
            nn.ReLU(),
        )
        self.head = nn.Linear(cfg.channels, 1)

    def forward(self, x):
        h = self.conv(x)
        return self.head(h[:, :, -1]).squeeze(-1)


cfg = Config()
t = torch.arange(500, dtype=torch.float32)
series = torch.stack([torch.sin(t / (5 + k)) for k in range(cfg.n_vars)], dim=1)
loader = DataLoader(WindowDataset(series, cfg.window, cfg.horizon), batch_size=cfg.batch_size)
model = TCN(cfg)
opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
for x, y in loader:
    pred = model(x)
    loss = nn.functional.mse_loss(pred, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
