# The low-learning-rate group takes all of the model's parameters, so the head's parameters appear in two groups
# expect: model.parameters()
# also-accept: {"params": model.parameters(), "lr": cfg["backbone_lr"]}
# category: optimizer/param-groups
# made-at: 24
import torch
import torch.nn as nn

cfg = {"backbone_lr": 1e-5, "head_lr": 1e-3, "weight_decay": 0.01}


class Finetuner(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(64, 128), nn.GELU(), nn.Linear(128, 128), nn.GELU())
        self.head = nn.Linear(128, 6)

    def forward(self, x):
        return self.head(self.backbone(x))


def make_optimizer(model, cfg):
    groups = [
        {"params": model.parameters(), "lr": cfg["backbone_lr"]},
        {"params": model.head.parameters(), "lr": cfg["head_lr"]},
    ]
    return torch.optim.AdamW(groups, weight_decay=cfg["weight_decay"])


model = Finetuner()
opt = make_optimizer(model, cfg)
