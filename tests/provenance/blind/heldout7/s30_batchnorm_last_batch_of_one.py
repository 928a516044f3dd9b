# The DataLoader keeps the last incomplete batch (1025 samples, batch size 64 -> a last batch of 1), and BatchNorm1d in training mode cannot normalise a batch of one; drop_last=True is needed
# expect: DataLoader(train_ds, batch_size=hp.batch_size, shuffle=True)
# category: data/last-batch
# made-at: 33
"""Tabular regression MLP with BatchNorm; hyper-parameters from a SimpleNamespace."""
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

hp = SimpleNamespace(n_samples=1025, n_features=24, hidden=64, batch_size=64, epochs=3, lr=1e-3, seed=0)
torch.manual_seed(hp.seed)


class TabularMLP(nn.Module):
    def __init__(self, n_features, hidden):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_features, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


X = torch.randn(hp.n_samples, hp.n_features)
true_w = torch.randn(hp.n_features)
y = X @ true_w + 0.1 * torch.randn(hp.n_samples)
train_ds = TensorDataset(X, y)
train_loader = DataLoader(train_ds, batch_size=hp.batch_size, shuffle=True)

model = TabularMLP(hp.n_features, hp.hidden)
optimizer = torch.optim.Adam(model.parameters(), lr=hp.lr)
loss_fn = nn.MSELoss()


def train_one_epoch(model, loader):
    model.train()
    total, n = 0.0, 0
    for xb, yb in loader:
        pred = model(xb)
        loss = loss_fn(pred, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
        n += len(xb)
    return total / n


for epoch in range(hp.epochs):
    print(f"epoch {epoch}: mse {train_one_epoch(model, train_loader):.4f}")
