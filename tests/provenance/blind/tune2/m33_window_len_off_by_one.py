# __len__ counts len(series) - window + 1 windows, but __getitem__ also reads the value after the window, so the last index runs past the series
# expect: __len__
# also-accept: self.series[idx + self.window]
# category: index/out-of-bounds
# made-at: 21
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class NextValueDataset(Dataset):
    """Predict series[t + window] from series[t : t + window]."""

    def __init__(self, series, window):
        self.series = series
        self.window = window

    def __len__(self):
        return len(self.series) - self.window + 1

    def __getitem__(self, idx):
        x = self.series[idx : idx + self.window]
        y = self.series[idx + self.window]
        return x.unsqueeze(-1), y


class GRURegressor(nn.Module):
    def __init__(self, hidden=16):
        super().__init__()
        self.gru = nn.GRU(1, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, 1)

    def forward(self, x):
        _, h = self.gru(x)
        return self.fc(h[-1]).squeeze(-1)


def load_series(n=240):
    t = torch.arange(n, dtype=torch.float32)
    return torch.sin(2 * math.pi * t / 24) + 0.1 * torch.randn(n)


if __name__ == "__main__":
    torch.manual_seed(0)
    ds = NextValueDataset(load_series(), window=24)
    loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=2)
    model = GRURegressor()
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(3):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())
