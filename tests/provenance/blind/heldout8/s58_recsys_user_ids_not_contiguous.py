# The embedding tables are sized by the number of distinct ids, but the raw ids are sparse (up to 99999), so they are out of range; the ids were never re-indexed.
# expect: n_users
# also-accept: len(np.unique(ratings[:, 0])), n_items
# category: index/embedding-size
# made-at: 28
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

# ratings.csv: user_id,item_id,rating (MovieLens-like, ids are not contiguous)
tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "ratings.csv")
user_pool = rng.choice(100_000, size=400, replace=False)
item_pool = rng.choice(50_000, size=900, replace=False)
with open(path, "w") as fh:
    fh.write("user_id,item_id,rating\n")
    for _ in range(6000):
        fh.write(f"{rng.choice(user_pool)},{rng.choice(item_pool)},{rng.integers(1, 6)}\n")

ratings = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.int64)
n_users = len(np.unique(ratings[:, 0]))
n_items = len(np.unique(ratings[:, 1]))
print(f"{n_users} users, {n_items} items, {len(ratings)} ratings")


class NeuMF(nn.Module):
    def __init__(self, n_users, n_items, dim=16):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, dim)
        self.item_emb = nn.Embedding(n_items, dim)
        self.mlp = nn.Sequential(nn.Linear(2 * dim, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, u, i):
        return self.mlp(torch.cat([self.user_emb(u), self.item_emb(i)], dim=-1)).squeeze(-1)


u = torch.from_numpy(ratings[:, 0])
i = torch.from_numpy(ratings[:, 1])
r = torch.from_numpy(ratings[:, 2]).float()
loader = DataLoader(TensorDataset(u, i, r), batch_size=512, shuffle=True)

model = NeuMF(n_users, n_items)
opt = torch.optim.Adam(model.parameters(), lr=5e-3)
for epoch in range(5):
    for ub, ib, rb in loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(ub, ib), rb)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
