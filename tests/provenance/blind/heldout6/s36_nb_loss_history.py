# the loss history keeps the loss tensors themselves (still attached to the graph) instead of their values
# expect: history["train"].append(loss)
# category: autograd/numpy
# made-at: 30
# %%
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(1000, 8)
w_true = torch.randn(8, 1)
y = X @ w_true + 0.1 * torch.randn(1000, 1)
X_tr, y_tr, X_va, y_va = X[:800], y[:800], X[800:], y[800:]
history = {"train": [], "val": []}

# %%
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

# %%
for epoch in range(10):
    perm = torch.randperm(800)
    for i in range(0, 800, 100):
        idx = perm[i:i + 100]
        loss = nn.functional.mse_loss(model(X_tr[idx]), y_tr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    history["train"].append(loss)
    with torch.no_grad():
        history["val"].append(nn.functional.mse_loss(model(X_va), y_va).item())

# %%
train_curve = np.array(history["train"])
val_curve = np.array(history["val"])
best = int(np.argmin(val_curve))
print(f"best epoch {best}: train {train_curve[best]:.4f} val {val_curve[best]:.4f}")

# %%
gap = val_curve - train_curve
print("generalisation gap per epoch:", np.round(gap, 4))
