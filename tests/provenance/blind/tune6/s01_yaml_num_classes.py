# The YAML config says num_classes: 10 while the label list it also carries has 11 entries, so the head has one class too few
# expect: num_classes: 10
# category: config/value
# made-at: 17
import yaml
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG = """
data:
  n_samples: 512
  n_features: 32
  labels: [airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck, unknown]
model:
  hidden: 128
  num_classes: 10
  dropout: 0.2
train:
  epochs: 3
  batch_size: 64
  lr: 0.01
"""

cfg = yaml.safe_load(CONFIG)
torch.manual_seed(0)


def make_data(dcfg):
    n, d = dcfg["n_samples"], dcfg["n_features"]
    k = len(dcfg["labels"])
    centers = torch.randn(k, d) * 3
    y = torch.randint(0, k, (n,))
    x = centers[y] + torch.randn(n, d)
    return TensorDataset(x, y)


def build_model(mcfg, in_features):
    return nn.Sequential(
        nn.Linear(in_features, mcfg["hidden"]),
        nn.ReLU(),
        nn.Dropout(mcfg["dropout"]),
        nn.Linear(mcfg["hidden"], mcfg["num_classes"]),
    )


def train_one_epoch(model, loader, opt, criterion):
    model.train()
    total = 0.0
    for xb, yb in loader:
        opt.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    return total / len(loader.dataset)


ds = make_data(cfg["data"])
loader = DataLoader(ds, batch_size=cfg["train"]["batch_size"], shuffle=True)
model = build_model(cfg["model"], cfg["data"]["n_features"])
opt = torch.optim.SGD(model.parameters(), lr=cfg["train"]["lr"], momentum=0.9)
criterion = nn.CrossEntropyLoss()

for epoch in range(cfg["train"]["epochs"]):
    loss = train_one_epoch(model, loader, opt, criterion)
    print(f"epoch {epoch}: loss {loss:.4f}")
