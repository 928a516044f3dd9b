# The first layer's input width is counted from the numeric columns before the one-hot columns are appended
# expect: n_features
# also-accept: X_num.shape[1]
# category: shape/linear-in-features
# made-at: 49
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--hidden", type=int, default=64)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--batch-size", type=int, default=32)
    return p.parse_args([])


def load_table(n=200):
    g = torch.Generator().manual_seed(0)
    X_num = torch.randn(n, 6, generator=g)
    cat = torch.randint(0, 4, (n,), generator=g)
    y = ((X_num[:, 0] + cat.float()) > 1.5).float()
    return X_num, cat, y


def build_model(n_in, hidden):
    return nn.Sequential(nn.Linear(n_in, hidden), nn.ReLU(), nn.Linear(hidden, 1))


def train(model, loader, args):
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        for xb, yb in loader:
            logits = model(xb).squeeze(1)
            loss = F.binary_cross_entropy_with_logits(logits, yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")


args = parse_args()
X_num, cat, y = load_table()
n_features = X_num.shape[1]
X = torch.cat([X_num, F.one_hot(cat, num_classes=4).float()], dim=1)
loader = DataLoader(TensorDataset(X, y), batch_size=args.batch_size, shuffle=True)
model = build_model(n_features, args.hidden)
train(model, loader, args)
