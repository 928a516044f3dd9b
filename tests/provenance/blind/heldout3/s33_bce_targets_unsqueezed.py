# the targets were given an extra trailing dimension during data preparation while the model returns one logit per row
# expect: y
# also-accept: yb
# category: shape/loss-target-shape
# made-at: 17
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def prepare(seed=0, n=256):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 6)).astype(np.float32)
    churned = (X[:, 0] + X[:, 1] ** 2 > 1).astype(np.float32)
    X = torch.from_numpy(X)
    y = torch.from_numpy(churned).unsqueeze(1)
    return X, y


class ChurnModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, x):
        return self.net(x).squeeze(-1)


X, y = prepare()
loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)
model = ChurnModel()
criterion = nn.BCEWithLogitsLoss(pos_weight=torch.tensor(2.0))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    for xb, yb in loader:
        loss = criterion(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
