# The batches are moved to the target device but the model never is (build_model's result is not .to(device)), so the first layer gets a meta input and CPU weights
# expect: build_model(cfg)
# category: device/mismatch
# made-at: 59
"""Shape/step smoke test: run one training step on the 'meta' device before launching the real job.

The real job uses DEVICE=cuda; the dry run uses DEVICE=meta so no memory is allocated.
"""
import json
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG_JSON = """
{
  "in_features": 20,
  "hidden": [256, 256, 128],
  "num_classes": 7,
  "dropout": 0.2,
  "batch_size": 128,
  "lr": 0.001
}
"""

DEVICE = torch.device(os.environ.get("DEVICE", "meta"))
torch.manual_seed(0)


def build_model(cfg):
    layers, d = [], cfg["in_features"]
    for h in cfg["hidden"]:
        layers += [nn.Linear(d, h), nn.LayerNorm(h), nn.SiLU(), nn.Dropout(cfg["dropout"])]
        d = h
    layers.append(nn.Linear(d, cfg["num_classes"]))
    return nn.Sequential(*layers)


def train_one_epoch(model, loader, optimizer, criterion, device, max_steps=None):
    model.train()
    for step, (x, y) in enumerate(loader):
        x, y = x.to(device), y.to(device)
        optimizer.zero_grad(set_to_none=True)
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
        print(f"step {step}: out {tuple(out.shape)} loss {tuple(loss.shape)} on {loss.device}")
        if max_steps is not None and step + 1 >= max_steps:
            break


cfg = json.loads(CONFIG_JSON)
X = torch.randn(1000, cfg["in_features"])
y = torch.randint(0, cfg["num_classes"], (1000,))
loader = DataLoader(TensorDataset(X, y), batch_size=cfg["batch_size"], shuffle=True)

model = build_model(cfg)
optimizer = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
criterion = nn.CrossEntropyLoss()

print(f"dry run on {DEVICE}")
train_one_epoch(model, loader, optimizer, criterion, DEVICE, max_steps=2)
print("dry run ok")
