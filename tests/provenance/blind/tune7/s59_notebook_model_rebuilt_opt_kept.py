# a later cell rebuilds the model with a wider hidden layer but keeps the old optimizer; its state (sized for hidden=64) is checkpointed and, once loaded into a fresh optimizer for the new model, Adam's first step mixes 64- and 128-sized moments
# expect: model = Forecaster(hidden=128)
# category: notebook/state
# made-at: 56
# %%
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
rng = np.random.default_rng(0)
workdir = tempfile.mkdtemp()

# %%
# daily demand series -> (past 28 days) -> next 7 days
series = (np.sin(np.arange(1200) * 2 * np.pi / 7) + 0.01 * np.arange(1200)
          + 0.3 * rng.standard_normal(1200)).astype(np.float32)
X = np.stack([series[i:i + 28] for i in range(1200 - 35)])
Y = np.stack([series[i + 28:i + 35] for i in range(1200 - 35)])
X, Y = torch.from_numpy(X), torch.from_numpy(Y)


class Forecaster(nn.Module):
    def __init__(self, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(28, hidden), nn.ReLU(), nn.Linear(hidden, 7))

    def forward(self, x):
        return self.net(x)


# %%
model = Forecaster(hidden=64)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)


def train(epochs):
    for epoch in range(epochs):
        perm = torch.randperm(len(X))
        for i in range(0, len(X), 64):
            idx = perm[i:i + 64]
            loss = nn.functional.mse_loss(model(X[idx]), Y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


train(3)

# %%
# underfitting -> try a wider network
model = Forecaster(hidden=128)
train(3)

# %%
ckpt_path = os.path.join(workdir, "forecaster.pt")
torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, ckpt_path)

# %%
# resume training later from the checkpoint
ckpt = torch.load(ckpt_path)
model = Forecaster(hidden=128)
model.load_state_dict(ckpt["model"])
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
optimizer.load_state_dict(ckpt["optimizer"])
train(2)
