# The initial LSTM state is sized with the configured batch size, which the last batch does not have
# expect: cfg.batch_size
# also-accept: init_hidden(cfg.batch_size)
# category: shape/rnn-hidden
# made-at: 46
from dataclasses import dataclass

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class Cfg:
    n_features: int = 5
    hidden: int = 32
    layers: int = 1
    batch_size: int = 32
    epochs: int = 1


class SeqRegressor(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.lstm = nn.LSTM(cfg.n_features, cfg.hidden, cfg.layers, batch_first=True)
        self.head = nn.Linear(cfg.hidden, 1)

    def init_hidden(self, batch_size):
        shape = (self.cfg.layers, batch_size, self.cfg.hidden)
        return torch.zeros(shape), torch.zeros(shape)

    def forward(self, x, state):
        out, state = self.lstm(x, state)
        return self.head(out[:, -1]).squeeze(-1)


cfg = Cfg()
X = torch.randn(100, 12, cfg.n_features)
y = X.sum(dim=(1, 2))
loader = DataLoader(TensorDataset(X, y), batch_size=cfg.batch_size)
model = SeqRegressor(cfg)
opt = torch.optim.Adam(model.parameters())
for epoch in range(cfg.epochs):
    for xb, yb in loader:
        state = model.init_hidden(cfg.batch_size)
        pred = model(xb, state)
        loss = nn.functional.mse_loss(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
