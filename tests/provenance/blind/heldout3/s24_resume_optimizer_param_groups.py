# the resumed optimizer is rebuilt with a single param group, but the saved one had separate backbone/head groups
# expect: optimizer
# also-accept: model.parameters()
# category: optimizer/param-groups-mismatch
# made-at: 45
import os
import tempfile

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, 3)

    def forward(self, x):
        return self.head(self.backbone(x))


def train_steps(model, optimizer, n):
    for _ in range(n):
        x, y = torch.randn(8, 10), torch.randint(0, 3, (8,))
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


ckpt_path = os.path.join(tempfile.mkdtemp(), "ckpt.pt")

# ---- first run ----
model = Net()
optimizer = torch.optim.AdamW([
    {"params": model.backbone.parameters(), "lr": 1e-4},
    {"params": model.head.parameters(), "lr": 1e-3},
])
train_steps(model, optimizer, 10)
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, ckpt_path)

# ---- resume ----
model = Net()
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
state = torch.load(ckpt_path)
model.load_state_dict(state["model"])
optimizer.load_state_dict(state["optimizer"])
train_steps(model, optimizer, 10)
