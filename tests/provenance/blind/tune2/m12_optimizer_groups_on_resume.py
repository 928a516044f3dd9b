# training used two parameter groups (backbone and head learning rates) but the resume code builds a single-group optimizer before loading its state
# expect: optimizer
# also-accept: model.parameters()
# category: optim/state-mismatch
# made-at: 59
import os
import tempfile
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class TrainCfg:
    backbone_lr: float = 1e-4
    head_lr: float = 1e-2
    weight_decay: float = 0.01
    steps: int = 4
    ckpt: str = os.path.join(tempfile.mkdtemp(prefix="ft_"), "ckpt.pt")


class FineTuneModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, 3)

    def forward(self, x):
        return self.head(self.backbone(x))


def make_optimizer(model, cfg):
    return torch.optim.AdamW(
        [
            {"params": model.backbone.parameters(), "lr": cfg.backbone_lr},
            {"params": model.head.parameters(), "lr": cfg.head_lr},
        ],
        weight_decay=cfg.weight_decay,
    )


def train(cfg):
    model = FineTuneModel()
    optimizer = make_optimizer(model, cfg)
    for _ in range(cfg.steps):
        x, y = torch.randn(16, 32), torch.randint(0, 3, (16,))
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.save({"model": model.state_dict(), "optim": optimizer.state_dict()}, cfg.ckpt)


def resume(cfg):
    state = torch.load(cfg.ckpt)
    model = FineTuneModel()
    model.load_state_dict(state["model"])
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.head_lr, weight_decay=cfg.weight_decay)
    optimizer.load_state_dict(state["optim"])
    return model, optimizer


cfg = TrainCfg()
train(cfg)
model, optimizer = resume(cfg)
print("resumed", len(optimizer.param_groups), "groups")
