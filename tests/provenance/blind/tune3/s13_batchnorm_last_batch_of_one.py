# 129 samples with batch_size 32 leave a final batch of one sample, which BatchNorm1d cannot normalise in training mode
# expect: train_loader
# also-accept: cfg["batch_size"]
# category: shape/batchnorm-single-sample
# made-at: 28
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

cfg = {"n_samples": 129, "in_dim": 24, "hidden": 48, "batch_size": 32, "epochs": 2, "lr": 1e-2}


class MLP(nn.Module):
    def __init__(self, in_dim, hidden):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_dim, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, hidden), nn.BatchNorm1d(hidden), nn.ReLU(),
            nn.Linear(hidden, 1),
        )

    def forward(self, x):
        return self.net(x).squeeze(-1)


X = torch.randn(cfg["n_samples"], cfg["in_dim"])
y = (X[:, :3].sum(1) > 0).float()
train_loader = DataLoader(TensorDataset(X, y), batch_size=cfg["batch_size"], shuffle=True)
model = MLP(cfg["in_dim"], cfg["hidden"])
opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
loss_fn = nn.BCEWithLogitsLoss()

for epoch in range(cfg["epochs"]):
    model.train()
    for xb, yb in train_loader:
        loss = loss_fn(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: {loss.item():.4f}")
