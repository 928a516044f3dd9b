# input_dim is set to the number of raw columns, but the categorical columns are one-hot encoded afterwards, so the feature matrix is wider than the first layer.
# expect: len(feature_cols)
# also-accept: cfg.input_dim, input_dim=len(feature_cols)
# category: config/size
# made-at: 40
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)


@dataclass
class TrainConfig:
    input_dim: int
    hidden_dim: int = 64
    batch_size: int = 32
    epochs: int = 5
    lr: float = 1e-3


# house-price style table: numeric + categorical columns
n = 500
table = {
    "sqft": rng.normal(1500, 300, n),
    "bedrooms": rng.integers(1, 6, n).astype(float),
    "age": rng.uniform(0, 80, n),
    "neighborhood": rng.integers(0, 7, n),
    "heating": rng.integers(0, 3, n),
}
numeric_cols = ["sqft", "bedrooms", "age"]
cat_cols = ["neighborhood", "heating"]
feature_cols = numeric_cols + cat_cols
price = 100 * table["sqft"] - 2000 * table["age"] + rng.normal(0, 1e4, n)

cfg = TrainConfig(input_dim=len(feature_cols))


def encode(table):
    parts = []
    for c in numeric_cols:
        col = table[c]
        parts.append(((col - col.mean()) / col.std())[:, None])
    for c in cat_cols:
        codes = table[c]
        parts.append(np.eye(codes.max() + 1)[codes])
    return np.concatenate(parts, axis=1).astype(np.float32)


X = torch.from_numpy(encode(table))
y = torch.from_numpy(((price - price.mean()) / price.std()).astype(np.float32)).unsqueeze(1)
loader = DataLoader(TensorDataset(X, y), batch_size=cfg.batch_size, shuffle=True)

model = nn.Sequential(nn.Linear(cfg.input_dim, cfg.hidden_dim), nn.ReLU(), nn.Linear(cfg.hidden_dim, 1))
opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
for epoch in range(cfg.epochs):
    for xb, yb in loader:
        opt.zero_grad()
        loss = nn.functional.mse_loss(model(xb), yb)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
