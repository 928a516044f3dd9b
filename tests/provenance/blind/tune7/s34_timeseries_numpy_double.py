# the sliding windows are built in numpy (float64) and wrapped with torch.from_numpy without casting, so the float32 model gets double inputs
# expect: torch.from_numpy(X_train)
# also-accept: torch.from_numpy(X_val)
# category: dtype/input
# made-at: 34
import numpy as np
import torch
import torch.nn as nn

np.random.seed(42)
torch.manual_seed(42)

# synthetic "sensor" series: trend + seasonality + noise
t = np.arange(2000)
series = 0.002 * t + np.sin(2 * np.pi * t / 50) + 0.2 * np.random.randn(len(t))
series = (series - series.mean()) / series.std()

WINDOW, HORIZON = 48, 1


def make_windows(x, window, horizon):
    X, y = [], []
    for i in range(len(x) - window - horizon + 1):
        X.append(x[i:i + window])
        y.append(x[i + window:i + window + horizon])
    return np.stack(X), np.stack(y)


X, y = make_windows(series, WINDOW, HORIZON)
split = int(0.8 * len(X))
X_train, y_train = X[:split], y[:split]
X_val, y_val = X[split:], y[split:]

X_train_t = torch.from_numpy(X_train)
y_train_t = torch.from_numpy(y_train).float()
X_val_t = torch.from_numpy(X_val)
y_val_t = torch.from_numpy(y_val).float()

model = nn.Sequential(
    nn.Linear(WINDOW, 64), nn.ReLU(),
    nn.Linear(64, 32), nn.ReLU(),
    nn.Linear(32, HORIZON),
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

batch_size = 64
for epoch in range(5):
    perm = torch.randperm(len(X_train_t))
    for i in range(0, len(perm), batch_size):
        idx = perm[i:i + batch_size]
        xb, yb = X_train_t[idx], y_train_t[idx]
        pred = model(xb)
        loss = loss_fn(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        val_loss = loss_fn(model(X_val_t), y_val_t).item()
    print(f"epoch {epoch}: train {loss.item():.4f} val {val_loss:.4f}")
