# class ids parsed from the CSV are stored in a float32 array, so CrossEntropyLoss gets a Float target
# expect: np.array(ys, dtype=np.float32)
# also-accept: y_train, ys
# category: dtype/target
# made-at: 33
# %%
import csv
import io
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

# %%
# fake CSV export: 4 features + label column
buf = io.StringIO()
w = csv.writer(buf)
w.writerow(["f0", "f1", "f2", "f3", "label"])
for _ in range(120):
    w.writerow([*(f"{v:.4f}" for v in rng.normal(size=4)), int(rng.integers(0, 3))])
buf.seek(0)

xs, ys = [], []
for row in csv.DictReader(buf):
    xs.append([float(row[f"f{i}"]) for i in range(4)])
    ys.append(float(row["label"]))

# %%
X_train = np.array(xs, dtype=np.float32)
y_train = np.array(ys, dtype=np.float32)

loader = DataLoader(TensorDataset(torch.from_numpy(X_train), torch.from_numpy(y_train)),
                    batch_size=32, shuffle=True)

# %%
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.CrossEntropyLoss()

# %%
for epoch in range(3):
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")
