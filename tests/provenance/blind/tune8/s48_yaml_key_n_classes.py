# The YAML config calls the setting num_classes but the code reads cfg.get("n_classes", 2), so the head has 2 outputs for 10 classes.
# expect: cfg.get("n_classes", 2)
# also-accept: num_classes
# category: config/size
# made-at: 36
import os
import tempfile

import torch
import torch.nn as nn
import yaml
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

CONFIG = """
model:
  hidden: 128
  dropout: 0.1
data:
  num_features: 40
  num_classes: 10
train:
  batch_size: 64
  epochs: 3
  lr: 0.001
"""

tmp = tempfile.mkdtemp()
cfg_path = os.path.join(tmp, "config.yaml")
with open(cfg_path, "w") as fh:
    fh.write(CONFIG)


def build_model(cfg):
    num_classes = cfg.get("n_classes", 2)
    return nn.Sequential(
        nn.Linear(cfg["num_features"], cfg["hidden"]),
        nn.ReLU(),
        nn.Dropout(cfg["dropout"]),
        nn.Linear(cfg["hidden"], num_classes),
    )


def main(path):
    with open(path) as fh:
        raw = yaml.safe_load(fh)
    cfg = {**raw["model"], **raw["data"], **raw["train"]}

    X = torch.randn(1000, cfg["num_features"])
    y = torch.randint(0, cfg["num_classes"], (1000,))
    loader = DataLoader(TensorDataset(X, y), batch_size=cfg["batch_size"], shuffle=True)

    model = build_model(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(cfg["epochs"]):
        for xb, yb in loader:
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}")


if __name__ == "__main__":
    main(cfg_path)
