# class labels were converted to float32 when the tensors were built in the first cell, CrossEntropyLoss needs int64 class indices
# expect: y_train
# also-accept: yb
# category: dtype/loss-target
# made-at: 18
# %%
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

rng = np.random.default_rng(0)
features = rng.normal(size=(200, 12)).astype(np.float32)
label_ids = rng.integers(0, 4, size=200)

# %%
X_train = torch.from_numpy(features)
y_train = torch.tensor(label_ids, dtype=torch.float32)
train_ds = TensorDataset(X_train, y_train)
train_dl = DataLoader(train_ds, batch_size=32, shuffle=True)
print(X_train.shape, y_train.shape)

# %%
model = nn.Sequential(nn.Linear(12, 32), nn.ReLU(), nn.Linear(32, 4))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

# %%
for epoch in range(3):
    total = 0.0
    for xb, yb in train_dl:
        logits = model(xb)
        loss = criterion(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(epoch, total / len(train_dl))
