# per-batch prediction tensors are collected in a list and turned into a tensor with torch.tensor instead of torch.cat
# expect: torch.tensor(all_preds)
# also-accept: all_preds
# category: data/list-of-tensors
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def evaluate(model, loader):
    model.eval()
    all_preds, all_targets = [], []
    with torch.no_grad():
        for xb, yb in loader:
            all_preds.append(model(xb).argmax(dim=1))
            all_targets.append(yb)
    preds = torch.tensor(all_preds)
    targets = torch.cat(all_targets)
    return (preds == targets).float().mean().item()


x, y = torch.randn(300, 20), torch.randint(0, 4, (300,))
train_loader = DataLoader(TensorDataset(x[:240], y[:240]), batch_size=32, shuffle=True)
val_loader = DataLoader(TensorDataset(x[240:], y[240:]), batch_size=32)
model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 4))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    model.train()
    for xb, yb in train_loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: val acc {evaluate(model, val_loader):.3f}")
