# The LSTM is built without batch_first=True but is fed (batch, time, features) with a (layers, batch, hidden) initial state
# expect: nn.LSTM(cfg.n_features, cfg.hidden, num_layers=cfg.layers)
# category: shape/layout
# made-at: 25
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class Config:
    n_features: int = 8
    hidden: int = 64
    layers: int = 2
    seq_len: int = 50
    batch_size: int = 16
    horizon: int = 1


class Forecaster(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.rnn = nn.LSTM(cfg.n_features, cfg.hidden, num_layers=cfg.layers)
        self.head = nn.Linear(cfg.hidden, cfg.horizon)

    def init_state(self, batch_size):
        h = torch.zeros(self.cfg.layers, batch_size, self.cfg.hidden)
        c = torch.zeros(self.cfg.layers, batch_size, self.cfg.hidden)
        return h, c

    def forward(self, x):
        state = self.init_state(x.size(0))
        out, _ = self.rnn(x, state)
        return self.head(out[:, -1])


def make_windows(series, seq_len):
    xs, ys = [], []
    for i in range(len(series) - seq_len - 1):
        xs.append(series[i : i + seq_len])
        ys.append(series[i + seq_len, :1])
    return torch.stack(xs), torch.stack(ys)


def main():
    cfg = Config()
    torch.manual_seed(0)
    series = torch.cumsum(torch.randn(400, cfg.n_features), dim=0)
    x, y = make_windows(series, cfg.seq_len)
    model = Forecaster(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for i in range(0, len(x), cfg.batch_size):
        xb, yb = x[i : i + cfg.batch_size], y[i : i + cfg.batch_size]
        loss = nn.functional.mse_loss(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(loss.item())


if __name__ == "__main__":
    main()
