# the embedding tables are sized by the largest id instead of largest id + 1, so the user or item with the top id is out of range
# expect: n_users = int(ratings[:, 0].max())
# also-accept: n_items = int(ratings[:, 1].max())
# category: index/embedding
# made-at: 47
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def load_ratings(n=5000, users=300, items=120, seed=0):
    rng = np.random.default_rng(seed)
    u = rng.integers(0, users, size=n)
    i = rng.integers(0, items, size=n)
    r = np.clip((u % 5) + (i % 3) + rng.normal(0, 0.5, size=n), 1, 5)
    return np.stack([u, i, r], 1)


class MatrixFactorization(nn.Module):
    def __init__(self, n_users, n_items, k=16):
        super().__init__()
        self.user = nn.Embedding(n_users, k)
        self.item = nn.Embedding(n_items, k)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)
        self.global_bias = nn.Parameter(torch.tensor(3.0))

    def forward(self, u, i):
        dot = (self.user(u) * self.item(i)).sum(-1)
        return dot + self.user_bias(u).squeeze(-1) + self.item_bias(i).squeeze(-1) + self.global_bias


def evaluate(model, loader):
    model.eval()
    se, n = 0.0, 0
    with torch.no_grad():
        for u, i, r in loader:
            se += ((model(u, i) - r) ** 2).sum().item()
            n += len(r)
    return (se / n) ** 0.5


def main():
    torch.manual_seed(0)
    ratings = load_ratings()
    n_users = int(ratings[:, 0].max())
    n_items = int(ratings[:, 1].max())
    u = torch.from_numpy(ratings[:, 0]).long()
    i = torch.from_numpy(ratings[:, 1]).long()
    r = torch.from_numpy(ratings[:, 2]).float()
    ds = TensorDataset(u, i, r)
    train_ds, val_ds = torch.utils.data.random_split(ds, [4000, 1000], generator=torch.Generator().manual_seed(0))
    train_loader = DataLoader(train_ds, batch_size=256, shuffle=True)
    val_loader = DataLoader(val_ds, batch_size=512)
    model = MatrixFactorization(n_users, n_items)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2, weight_decay=1e-5)
    for epoch in range(3):
        model.train()
        for ub, ib, rb in train_loader:
            loss = nn.functional.mse_loss(model(ub, ib), rb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, evaluate(model, val_loader))


if __name__ == "__main__":
    main()
