# Targets come from a numpy int32 array via torch.from_numpy, so nll_loss gets Int instead of Long
# expect: y_train
# also-accept: y
# category: dtype/target-not-long
# made-at: 18
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

rng = np.random.default_rng(0)
torch.manual_seed(0)

X = rng.normal(size=(120, 8)).astype(np.float32)
y = (X[:, 0] > 0).astype(np.int32) + (X[:, 1] > 0).astype(np.int32)

X_train = torch.from_numpy(X)
y_train = torch.from_numpy(y)

model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 3), nn.LogSoftmax(dim=1))
opt = torch.optim.SGD(model.parameters(), lr=0.1)

for step in range(10):
    opt.zero_grad()
    out = model(X_train)
    loss = F.nll_loss(out, y_train)
    loss.backward()
    opt.step()

# raises: RuntimeError: expected target dtype to be Long or Byte, but got Int
