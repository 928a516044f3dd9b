# The checkpoint stores the config dataclass object itself, which torch.load's default weights-only unpickler refuses
# expect: "config": cfg
# also-accept: cfg, torch.load(path)
# category: checkpoint/weights-only
# made-at: 26
import os
import tempfile
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class HParams:
    in_dim: int = 12
    hidden: int = 48
    dropout: float = 0.2


def build(cfg):
    return nn.Sequential(nn.Linear(cfg.in_dim, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout), nn.Linear(cfg.hidden, 1))


def save(model, cfg, path):
    torch.save({"config": cfg, "model": model.state_dict()}, path)


def load(path):
    ckpt = torch.load(path)
    model = build(HParams(**vars(ckpt["config"])))
    model.load_state_dict(ckpt["model"])
    return model


cfg = HParams()
model = build(cfg)
path = os.path.join(tempfile.mkdtemp(), "model.pt")
save(model, cfg, path)
restored = load(path)
print(restored(torch.randn(3, 12)))
