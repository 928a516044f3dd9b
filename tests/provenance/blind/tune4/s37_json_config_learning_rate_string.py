# The learning rate in the JSON config is written as a string, so the optimizer gets "3e-4" instead of a number
# expect: "lr": "3e-4"
# also-accept: ocfg["lr"], lr
# category: config/type
# made-at: 16
import json

import torch
import torch.nn as nn

CONFIG_JSON = """
{
  "model": {"in_dim": 16, "hidden": 64, "out_dim": 2},
  "optim": {
    "name": "adamw",
    "lr": "3e-4",
    "weight_decay": 0.01
  },
  "epochs": 2
}
"""


def build_model(mcfg):
    return nn.Sequential(nn.Linear(mcfg["in_dim"], mcfg["hidden"]), nn.GELU(), nn.Linear(mcfg["hidden"], mcfg["out_dim"]))


def build_optimizer(params, ocfg):
    lr = ocfg["lr"]
    if ocfg["name"] == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=ocfg["weight_decay"])
    return torch.optim.SGD(params, lr=lr)


config = json.loads(CONFIG_JSON)
model = build_model(config["model"])
opt = build_optimizer(model.parameters(), config["optim"])
