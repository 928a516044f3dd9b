# a later cell converts the features with torch.from_numpy again, but an earlier cell already turned X_train into a tensor (the conversion cell was meant to run once)
# expect: torch.from_numpy(X_train)
# category: data/conversion
# made-at: 41
# %%
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)

# %%
# load data (synthetic stand-in for a CSV of sensor readings)
X_train = rng.standard_normal((500, 8)).astype(np.float32)
y_train = (X_train[:, 0] + X_train[:, 1] > 0).astype(np.int64)
X_test = rng.standard_normal((100, 8)).astype(np.float32)
y_test = (X_test[:, 0] + X_test[:, 1] > 0).astype(np.int64)

# %%
# scale features, then convert everything to tensors
mean, std = X_train.mean(0), X_train.std(0)
X_train = torch.tensor((X_train - mean) / std)
X_test = torch.tensor((X_test - mean) / std)
y_train, y_test = torch.tensor(y_train), torch.tensor(y_test)

# %%
model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 2))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(20):
    loss = nn.functional.cross_entropy(model(X_train), y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("train loss", loss.item())

# %%
# try a bigger model with minibatches
from torch.utils.data import DataLoader, TensorDataset

train_ds = TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train))
train_dl = DataLoader(train_ds, batch_size=32, shuffle=True)
big = nn.Sequential(nn.Linear(8, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(), nn.Linear(128, 2))
opt = torch.optim.Adam(big.parameters(), lr=1e-3)
for epoch in range(5):
    for xb, yb in train_dl:
        loss = nn.functional.cross_entropy(big(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
with torch.no_grad():
    acc = (big(X_test).argmax(1) == y_test).float().mean()
print("test acc", acc.item())
