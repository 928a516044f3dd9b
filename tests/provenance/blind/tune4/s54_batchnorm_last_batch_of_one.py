# The training loader keeps the last incomplete batch, here a single sample, which BatchNorm cannot normalise in training mode
# expect: train_loader
# also-accept: DataLoader(train_ds, batch_size=BATCH_SIZE, shuffle=True)
# category: shape/batchnorm-single
# made-at: 30
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

BATCH_SIZE = 64
torch.manual_seed(0)


class TabularNet(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, 64), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Linear(32, n_out),
        )

    def forward(self, x):
        return self.net(x)


X = torch.randn(129, 15)
y = torch.randint(0, 2, (129,))
train_ds = TensorDataset(X, y)
train_loader = DataLoader(train_ds, batch_size=BATCH_SIZE, shuffle=True)

model = TabularNet(15, 2)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    model.train()
    for xb, yb in train_loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
