# build_model constructs the network but never returns it, so `model` is None
# expect: build_model
# also-accept: model
# category: unknown
# made-at: 12
import torch
import torch.nn as nn

cfg = {"in": 12, "hidden": [32, 16], "out": 3, "dropout": 0.1}


def build_model(cfg):
    layers = []
    prev = cfg["in"]
    for h in cfg["hidden"]:
        layers += [nn.Linear(prev, h), nn.ReLU(), nn.Dropout(cfg["dropout"])]
        prev = h
    layers.append(nn.Linear(prev, cfg["out"]))
    model = nn.Sequential(*layers)


torch.manual_seed(0)
model = build_model(cfg)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

# raises: AttributeError: 'NoneType' object has no attribute 'parameters'
