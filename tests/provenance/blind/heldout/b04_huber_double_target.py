# Regression targets built from a float64 numpy array; HuberLoss fails on Double vs Float
# expect: targets
# also-accept: self.targets
# category: dtype/target-not-float
# made-at: 22
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

np.random.seed(0)
torch.manual_seed(0)


class HousePrices(Dataset):
    def __init__(self, n=256):
        area = np.random.uniform(30, 200, size=n)
        rooms = np.random.randint(1, 6, size=n)
        price = 1500.0 * area + 10000.0 * rooms + np.random.normal(0, 5000, size=n)
        feats = np.stack([area / 200.0, rooms / 5.0], axis=1)
        self.inputs = torch.tensor(feats, dtype=torch.float32)
        self.targets = torch.tensor(price / 1e5)

    def __len__(self):
        return len(self.inputs)

    def __getitem__(self, i):
        return self.inputs[i], self.targets[i]


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x):
        return self.body(x).squeeze(-1)


def fit(model, loader, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = nn.HuberLoss(delta=1.0)
    for ep in range(epochs):
        for inputs, targets in loader:
            pred = model(inputs)
            loss = crit(pred, targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", ep, "huber", loss.item())


if __name__ == "__main__":
    loader = DataLoader(HousePrices(), batch_size=32, shuffle=True)
    fit(Regressor(), loader)

# raises: RuntimeError: Found dtype Double but expected Float
