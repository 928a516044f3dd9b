# The standardize transform uses statistics read back from JSON as float64 numpy arrays, so every sample becomes float64 and batches reach the float32 Linear as double
# expect: standardize
# also-accept: self.transform, MU, features
# category: dtype/input-weight-mismatch
# made-at: 18
import json

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

rng = np.random.default_rng(0)
raw = rng.normal(loc=50.0, scale=12.0, size=(200, 6)).astype(np.float32)
targets = (raw[:, 0] > 50).astype(np.int64)
# normalisation statistics as stored next to the data (stats.json)
stats = json.loads(json.dumps({"mean": raw.mean(axis=0).tolist(), "std": raw.std(axis=0).tolist()}))
MU, SIGMA = np.array(stats["mean"]), np.array(stats["std"])


def standardize(row):
    return (row - MU) / (SIGMA + 1e-8)


class CSVRows(Dataset):
    def __init__(self, rows, labels, transform=None):
        self.rows, self.labels, self.transform = rows, labels, transform

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        features = self.rows[i]
        if self.transform is not None:
            features = self.transform(features)
        return torch.from_numpy(features), int(self.labels[i])


train_ds = CSVRows(raw[:160], targets[:160], transform=standardize)
val_ds = CSVRows(raw[160:], targets[160:], transform=standardize)
model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 2))
optim = torch.optim.Adam(model.parameters(), lr=1e-2)

for epoch in range(3):
    for xb, yb in DataLoader(train_ds, batch_size=32, shuffle=True):
        loss = nn.functional.cross_entropy(model(xb), yb)
        optim.zero_grad()
        loss.backward()
        optim.step()
    with torch.no_grad():
        correct = sum((model(xb).argmax(1) == yb).sum().item() for xb, yb in DataLoader(val_ds, batch_size=40))
    print(f"epoch {epoch}: val acc {correct / len(val_ds):.2f}")

# raises: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
