# the training DataLoader keeps the last incomplete batch (129 samples, batch 32 leaves 1), and BatchNorm1d cannot train on a batch of one
# expect: DataLoader(train_ds, batch_size=32, shuffle=True)
# also-accept: train_loader
# category: data/last-batch
# made-at: 16
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

N_TRAIN, N_FEAT = 129, 16
X = torch.randn(N_TRAIN, N_FEAT)
y = (X[:, :3].sum(1) > 0).long()
train_ds = TensorDataset(X, y)
train_loader = DataLoader(train_ds, batch_size=32, shuffle=True)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(N_FEAT, 64), nn.BatchNorm1d(64), nn.ReLU(),
            nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
            nn.Linear(32, 2),
        )

    def forward(self, x):
        return self.net(x)


model = MLP()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-2)
crit = nn.CrossEntropyLoss()

for epoch in range(3):
    model.train()
    correct = 0
    for xb, yb in train_loader:
        out = model(xb)
        loss = crit(out, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        correct += (out.argmax(1) == yb).sum().item()
    print(f"epoch {epoch}: train acc {correct / N_TRAIN:.3f}")
