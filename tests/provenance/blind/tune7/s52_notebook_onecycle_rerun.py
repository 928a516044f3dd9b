# the OneCycleLR scheduler is created in an earlier cell for 3 epochs; the "train a few more epochs" cell keeps stepping the same scheduler past its total_steps
# expect: OneCycleLR(optimizer, max_lr=1e-2, epochs=EPOCHS, steps_per_epoch=len(train_dl))
# also-accept: for epoch in range(EPOCHS, EPOCHS + 3):
# category: optim/scheduler
# made-at: 27
# %%
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset
from torch.optim.lr_scheduler import OneCycleLR

torch.manual_seed(0)
np.random.seed(0)

# %%
# synthetic tabular regression data
X = np.random.randn(640, 12).astype(np.float32)
w = np.random.randn(12).astype(np.float32)
y = (X @ w + 0.1 * np.random.randn(640)).astype(np.float32)
train_dl = DataLoader(TensorDataset(torch.from_numpy(X), torch.from_numpy(y)), batch_size=64, shuffle=True)

# %%
model = nn.Sequential(nn.Linear(12, 64), nn.ReLU(), nn.Linear(64, 1))
EPOCHS = 3
optimizer = torch.optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
scheduler = OneCycleLR(optimizer, max_lr=1e-2, epochs=EPOCHS, steps_per_epoch=len(train_dl))
loss_fn = nn.MSELoss()


def run_epoch():
    total = 0.0
    for xb, yb in train_dl:
        loss = loss_fn(model(xb).squeeze(1), yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        total += loss.item() * len(xb)
    return total / len(train_dl.dataset)


# %%
for epoch in range(EPOCHS):
    print(f"epoch {epoch}: mse {run_epoch():.4f} lr {scheduler.get_last_lr()[0]:.5f}")

# %%
# loss still going down -- train a few more epochs
for epoch in range(EPOCHS, EPOCHS + 3):
    print(f"epoch {epoch}: mse {run_epoch():.4f} lr {scheduler.get_last_lr()[0]:.5f}")
