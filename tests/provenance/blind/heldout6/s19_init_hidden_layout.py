# init_hidden builds the GRU state as (batch, layers, hidden) because the GRU is batch_first, but h0 is always (layers, batch, hidden)
# expect: return torch.zeros(batch_size, self.num_layers, self.hidden_size)
# category: shape/rnn-hidden
# made-at: 20
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class SensorGRU(nn.Module):
    def __init__(self, n_channels=6, hidden_size=48, num_layers=2, n_activities=5):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.gru = nn.GRU(n_channels, hidden_size, num_layers, batch_first=True, dropout=0.1)
        self.cls = nn.Linear(hidden_size, n_activities)

    def init_hidden(self, batch_size):
        return torch.zeros(batch_size, self.num_layers, self.hidden_size)

    def forward(self, x):
        h0 = self.init_hidden(x.size(0))
        out, _ = self.gru(x, h0)
        return self.cls(out[:, -1])


def make_windows(rng, n=320, T=50, C=6):
    X = rng.standard_normal((n, T, C)).astype(np.float32)
    y = rng.integers(0, 5, size=n)
    return TensorDataset(torch.from_numpy(X), torch.from_numpy(y))


def evaluate(model, loader):
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(-1) == y).sum().item()
    return correct / len(loader.dataset)


if __name__ == "__main__":
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    train_loader = DataLoader(make_windows(rng), batch_size=32, shuffle=True)
    model = SensorGRU()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        model.train()
        for x, y in train_loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, evaluate(model, train_loader))
