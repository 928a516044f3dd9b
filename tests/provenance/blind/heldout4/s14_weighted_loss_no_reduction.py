# The per-sample weighted loss is returned without being reduced to a scalar
# expect: (per_sample * weights)
# also-accept: weighted_loss, per_sample * weights
# category: autograd/non-scalar-backward
# made-at: 22
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG = {
    "n_features": 12,
    "n_classes": 4,
    "lr": 3e-3,
    "batch_size": 50,
    "class_weights": [1.0, 2.0, 2.0, 5.0],
}


def weighted_loss(logits, y, class_weights):
    per_sample = nn.functional.cross_entropy(logits, y, reduction="none")
    weights = class_weights[y]
    return (per_sample * weights)


def fit(model, loader, cfg):
    opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    cw = torch.tensor(cfg["class_weights"])
    for x, y in loader:
        loss = weighted_loss(model(x), y, cw)
        opt.zero_grad()
        loss.backward()
        opt.step()


torch.manual_seed(0)
X = torch.randn(200, CONFIG["n_features"])
Y = torch.randint(0, CONFIG["n_classes"], (200,))
model = nn.Sequential(nn.Linear(CONFIG["n_features"], 32), nn.ReLU(), nn.Linear(32, CONFIG["n_classes"]))
fit(model, DataLoader(TensorDataset(X, Y), batch_size=CONFIG["batch_size"]), CONFIG)
