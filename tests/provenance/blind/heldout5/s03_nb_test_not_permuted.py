# In the notebook the training images were permuted to NCHW in their own cell, but the test images made in a later cell never were
# expect: x_test
# category: shape/layout
# made-at: 44
# %% [markdown]
# # Small CNN on synthetic 32x32 RGB patches

# %%
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

rng = np.random.default_rng(0)
raw_train = rng.integers(0, 256, size=(120, 32, 32, 3), dtype=np.uint8)  # HWC, like PIL / cv2
y_train = torch.from_numpy(rng.integers(0, 5, size=120))
raw_test = rng.integers(0, 256, size=(100, 32, 32, 3), dtype=np.uint8)
y_test = torch.from_numpy(rng.integers(0, 5, size=100))

# %%
x_train = torch.tensor(raw_train, dtype=torch.float32) / 255.0
x_train = x_train.permute(0, 3, 1, 2)
print(x_train.shape)

# %%
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
    nn.Flatten(), nn.Linear(32, 5),
)
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

# %%
for epoch in range(2):
    for i in range(0, 120, 40):
        opt.zero_grad()
        loss = F.cross_entropy(model(x_train[i : i + 40]), y_train[i : i + 40])
        loss.backward()
        opt.step()
    print(epoch, loss.item())

# %% evaluate on the held-out patches
x_test = torch.tensor(raw_test, dtype=torch.float32) / 255.0
model.eval()
with torch.no_grad():
    logits = model(x_test)
    acc = (logits.argmax(1) == y_test).float().mean()
print("test acc", acc.item())
