# The standardised numpy features are float64 and are turned into tensors with torch.from_numpy without a cast, so the float32 model gets Double inputs
# expect: X_train_t = torch.from_numpy(X_train)
# category: dtype/numpy
# made-at: 26
# %%
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(42)
torch.manual_seed(42)
n, d = 800, 10
X = rng.normal(loc=5.0, scale=2.0, size=(n, d))
true_w = rng.normal(size=d)
y = (X @ true_w + rng.normal(scale=0.5, size=n) > 5.0 * true_w.sum()).astype(np.int64)

# %%
split = int(0.8 * n)
X_train, X_val = X[:split], X[split:]
y_train, y_val = y[:split], y[split:]
mu, sigma = X_train.mean(axis=0), X_train.std(axis=0)
X_train = (X_train - mu) / sigma
X_val = (X_val - mu) / sigma

# %%
X_train_t = torch.from_numpy(X_train)
y_train_t = torch.from_numpy(y_train)
X_val_t = torch.from_numpy(X_val)
y_val_t = torch.from_numpy(y_val)

# %%
model = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, 2))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)

for epoch in range(20):
    perm = torch.randperm(len(X_train_t))
    for i in range(0, len(perm), 64):
        idx = perm[i:i + 64]
        loss = nn.functional.cross_entropy(model(X_train_t[idx]), y_train_t[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()

# %%
with torch.no_grad():
    acc = (model(X_val_t).argmax(1) == y_val_t).float().mean()
print(f"val acc {acc:.3f}")
