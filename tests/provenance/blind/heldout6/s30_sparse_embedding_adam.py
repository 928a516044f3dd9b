# The config turns on sparse gradients for the embedding tables, but the trainer steps them with Adam, which does not take sparse gradients
# expect: sparse=True
# also-accept: torch.optim.Adam(model.parameters(), lr=cfg.lr)
# category: optimizer/sparse
# made-at: 15
from types import SimpleNamespace

import torch
import torch.nn as nn

cfg = SimpleNamespace(
    n_users=500,
    n_items=800,
    dim=32,
    sparse=True,
    lr=1e-2,
    epochs=2,
    batch_size=256,
    seed=0,
)


class MatrixFactorization(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.user = nn.Embedding(c.n_users, c.dim, sparse=c.sparse)
        self.item = nn.Embedding(c.n_items, c.dim, sparse=c.sparse)
        self.user_bias = nn.Embedding(c.n_users, 1, sparse=c.sparse)
        self.item_bias = nn.Embedding(c.n_items, 1, sparse=c.sparse)

    def forward(self, u, i):
        dot = (self.user(u) * self.item(i)).sum(-1)
        return dot + self.user_bias(u).squeeze(-1) + self.item_bias(i).squeeze(-1)


def make_ratings(c, n=5000):
    g = torch.Generator().manual_seed(c.seed)
    u = torch.randint(0, c.n_users, (n,), generator=g)
    i = torch.randint(0, c.n_items, (n,), generator=g)
    r = torch.randint(1, 6, (n,), generator=g).float()
    return u, i, r


class Trainer:
    def __init__(self, model, c):
        self.model = model
        self.c = c
        self.opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)

    def fit(self, u, i, r):
        for epoch in range(self.c.epochs):
            perm = torch.randperm(len(r))
            for s in range(0, len(r), self.c.batch_size):
                idx = perm[s:s + self.c.batch_size]
                loss = nn.functional.mse_loss(self.model(u[idx], i[idx]), r[idx])
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            print(epoch, loss.item())


torch.manual_seed(cfg.seed)
Trainer(MatrixFactorization(cfg), cfg).fit(*make_ratings(cfg))
