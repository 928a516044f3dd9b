# The grades in the file run from 1 to 5 but CrossEntropyLoss wants class ids 0..4; nothing shifts them down.
# expect: y
# also-accept: grades
# category: index/target-range
# made-at: 22
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

NUM_CLASSES = 5

# wine-quality style table: 11 physico-chemical features, quality grade 1..5
n = 600
features = rng.normal(size=(n, 11)).astype(np.float32)
grades = rng.integers(1, NUM_CLASSES + 1, size=n)

X = torch.from_numpy((features - features.mean(0)) / features.std(0))
y = torch.from_numpy(grades).long()

split = int(0.8 * n)
train_ds = TensorDataset(X[:split], y[:split])
val_ds = TensorDataset(X[split:], y[split:])
train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)

model = nn.Sequential(
    nn.Linear(11, 64), nn.ReLU(), nn.Dropout(0.2),
    nn.Linear(64, 64), nn.ReLU(),
    nn.Linear(64, NUM_CLASSES),
)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=1e-4)

for epoch in range(10):
    model.train()
    for xb, yb in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        xv, yv = val_ds.tensors
        acc = (model(xv).argmax(1) == yv).float().mean()
    print(f"epoch {epoch}: loss={loss.item():.3f} val_acc={acc:.3f}")
