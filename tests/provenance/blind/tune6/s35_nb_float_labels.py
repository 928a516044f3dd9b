# the labels were made as floats for the BCE cell and are reused as class indices for cross-entropy
# expect: y = (X[:, 0] * X[:, 1] > 0).float()
# also-accept: loss = criterion(logits, y)
# category: dtype/target
# made-at: 14
# %%
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)
X = torch.from_numpy(rng.normal(size=(800, 2)).astype(np.float32))
y = (X[:, 0] * X[:, 1] > 0).float()

# %%
# first try: single logit + BCE
net = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-2)
for it in range(60):
    loss = nn.functional.binary_cross_entropy_with_logits(net(X).squeeze(1), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("bce", loss.item())

# %%
# second try: two logits + softmax cross-entropy, so we can add more classes later
net2 = nn.Sequential(nn.Linear(2, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 2))
opt2 = torch.optim.Adam(net2.parameters(), lr=1e-2)
criterion = nn.CrossEntropyLoss()
for it in range(60):
    logits = net2(X)
    loss = criterion(logits, y)
    opt2.zero_grad()
    loss.backward()
    opt2.step()
print("ce", loss.item())

# %%
with torch.no_grad():
    acc1 = ((net(X).squeeze(1) > 0).float() == y).float().mean().item()
    acc2 = (net2(X).argmax(1) == y).float().mean().item()
print(f"bce acc {acc1:.3f}  ce acc {acc2:.3f}")
