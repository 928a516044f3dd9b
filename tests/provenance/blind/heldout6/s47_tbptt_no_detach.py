# truncated BPTT carries the LSTM state into the next chunk without detaching it, so the next backward walks into the freed graph
# expect: state = new_state
# also-accept: model(x, state)
# category: autograd/graph-reuse
# made-at: 46
import math

import torch
import torch.nn as nn


class SequenceRegressor(nn.Module):
    def __init__(self, n_in=3, hidden=48, layers=2):
        super().__init__()
        self.lstm = nn.LSTM(n_in, hidden, num_layers=layers, batch_first=True)
        self.fc = nn.Linear(hidden, 1)

    def forward(self, x, state=None):
        out, state = self.lstm(x, state)
        return self.fc(out).squeeze(-1), state


def make_series(n_series=8, length=400, seed=0):
    g = torch.Generator().manual_seed(seed)
    t = torch.arange(length).float()
    freqs = torch.rand(n_series, 1, generator=g) * 0.1 + 0.02
    phase = torch.rand(n_series, 1, generator=g) * 2 * math.pi
    base = torch.sin(freqs * t + phase)
    feats = torch.stack([base, torch.cos(freqs * t + phase), torch.randn(n_series, length, generator=g) * 0.1], -1)
    target = torch.roll(base, -1, dims=1)
    return feats, target


def train_epoch(model, opt, feats, target, bptt=50):
    state = None
    total = 0.0
    for start in range(0, feats.shape[1] - bptt + 1, bptt):
        x = feats[:, start:start + bptt]
        y = target[:, start:start + bptt]
        pred, new_state = model(x, state)
        loss = nn.functional.mse_loss(pred, y)
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        state = new_state
        total += loss.item()
    return total


if __name__ == "__main__":
    torch.manual_seed(0)
    feats, target = make_series()
    model = SequenceRegressor()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    for epoch in range(3):
        print(epoch, train_epoch(model, opt, feats, target))
