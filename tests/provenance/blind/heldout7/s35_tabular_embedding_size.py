# the embedding tables are sized with the largest category code instead of code count (max + 1), so the largest code indexes past the table
# expect: nn.Embedding(int(codes.max()), emb_dim)
# category: index/embedding
# made-at: 30
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import TensorDataset, DataLoader

rng = np.random.default_rng(7)
N = 1000
# three categorical columns already label-encoded to 0..k-1, plus numeric columns
cat_cols = {
    "store_id": rng.integers(0, 12, N),
    "weekday": rng.integers(0, 7, N),
    "promo_type": rng.integers(0, 4, N),
}
num = rng.standard_normal((N, 5)).astype(np.float32)
target = (num[:, 0] * 2 + cat_cols["weekday"] * 0.3 + rng.standard_normal(N)).astype(np.float32)

cats = np.stack([cat_cols[c] for c in cat_cols], axis=1).astype(np.int64)


class TabularNet(nn.Module):
    def __init__(self, cat_codes, n_num, emb_dim=4):
        super().__init__()
        embs = []
        for j in range(cat_codes.shape[1]):
            codes = cat_codes[:, j]
            embs.append(nn.Embedding(int(codes.max()), emb_dim))
        self.embs = nn.ModuleList(embs)
        self.bn = nn.BatchNorm1d(n_num)
        self.mlp = nn.Sequential(
            nn.Linear(emb_dim * len(embs) + n_num, 64), nn.ReLU(), nn.Dropout(0.1),
            nn.Linear(64, 1))

    def forward(self, x_cat, x_num):
        parts = []
        for j, emb in enumerate(self.embs):
            parts.append(emb(x_cat[:, j]))
        parts.append(self.bn(x_num))
        h = torch.cat(parts, dim=1)
        return self.mlp(h).squeeze(1)


torch.manual_seed(7)
ds = TensorDataset(torch.from_numpy(cats), torch.from_numpy(num), torch.from_numpy(target))
dl = DataLoader(ds, batch_size=128, shuffle=True)
model = TabularNet(cats, n_num=num.shape[1])
opt = torch.optim.AdamW(model.parameters(), lr=3e-3)

for epoch in range(5):
    total = 0.0
    for xc, xn, yb in dl:
        pred = model(xc, xn)
        loss = nn.functional.mse_loss(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(yb)
    print(f"epoch {epoch}: mse {total / N:.3f}")
