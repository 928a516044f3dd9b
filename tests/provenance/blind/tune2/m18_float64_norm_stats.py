# MEAN/STD are computed with numpy (float64) and turned into tensors, so normalising promotes every sample to float64 while the model is float32
# expect: MEAN
# also-accept: STD
# category: dtype/input-weight-mismatch
# made-at: 15
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

rng = np.random.default_rng(7)
RAW = rng.normal(loc=[10.0, 200.0, -3.0, 0.5], scale=[2.0, 50.0, 1.0, 0.1], size=(300, 4)).astype(np.float32)
TARGET = (RAW[:, 0] * 0.3 - RAW[:, 2] > 5).astype(np.int64)

MEAN = torch.from_numpy(RAW.mean(axis=0, dtype=np.float64))
STD = torch.from_numpy(RAW.std(axis=0, dtype=np.float64))


class SensorDataset(Dataset):
    def __init__(self, rows, targets, normalize=True):
        self.rows = torch.from_numpy(rows)
        self.targets = torch.from_numpy(targets)
        self.normalize = normalize

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        x = self.rows[i]
        if self.normalize:
            x = (x - MEAN) / STD
        return x, self.targets[i]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 32)
        self.fc2 = nn.Linear(32, 2)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def train(model, loader, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(epochs):
        for x, y in loader:
            out = model(x)
            loss = nn.functional.cross_entropy(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.3f}")


train(Net(), DataLoader(SensorDataset(RAW, TARGET), batch_size=32, shuffle=True))
