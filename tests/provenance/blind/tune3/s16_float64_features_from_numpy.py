# the dataset keeps the numpy float64 array as a double tensor; the float32 Linear layers reject it
# expect: self.features
# also-accept: features
# category: dtype/double-input
# made-at: 22
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def load_table(n_rows=300, n_cols=10, seed=0):
    rng = np.random.default_rng(seed)
    table = rng.normal(size=(n_rows, n_cols))
    table = (table - table.mean(0)) / table.std(0)
    target = table @ rng.normal(size=n_cols) + 0.1 * rng.normal(size=n_rows)
    return table, target.astype(np.float32)


class TabularDataset(Dataset):
    def __init__(self, features, target):
        self.features = torch.from_numpy(features)
        self.target = torch.from_numpy(target)

    def __len__(self):
        return len(self.target)

    def __getitem__(self, i):
        return self.features[i], self.target[i]


features, target = load_table()
loader = DataLoader(TabularDataset(features, target), batch_size=64, shuffle=True)
model = nn.Sequential(nn.Linear(10, 32), nn.Tanh(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    for xb, yb in loader:
        pred = model(xb).squeeze(1)
        loss = nn.functional.mse_loss(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
