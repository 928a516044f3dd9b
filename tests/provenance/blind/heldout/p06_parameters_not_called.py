# model.parameters is passed to the optimizer without calling it
# expect: model.parameters
# category: optim/state-mismatch
# made-at: 11
import torch
import torch.nn as nn

torch.manual_seed(0)
config = {"lr": 3e-4, "weight_decay": 1e-2}
model = nn.Sequential(nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 1))
optimizer = torch.optim.Adam(model.parameters, lr=config["lr"], weight_decay=config["weight_decay"])

# raises: TypeError: 'method' object is not iterable
