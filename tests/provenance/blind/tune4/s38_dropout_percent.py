# The dropout rate is written as a percentage (10) in the config dict instead of a probability (0.1)
# expect: "dropout": 10
# also-accept: cfg["dropout"]
# category: config/value
# made-at: 12
import torch
import torch.nn as nn

cfg = {
    "n_features": 30,
    "hidden": [128, 64],
    "dropout": 10,
    "n_out": 1,
}


def mlp(n_in, hidden, dropout, n_out):
    layers = []
    for h in hidden:
        layers += [nn.Linear(n_in, h), nn.BatchNorm1d(h), nn.ReLU(), nn.Dropout(dropout)]
        n_in = h
    layers.append(nn.Linear(n_in, n_out))
    return nn.Sequential(*layers)


model = mlp(cfg["n_features"], cfg["hidden"], cfg["dropout"], cfg["n_out"])
print(model(torch.randn(8, cfg["n_features"])).shape)
