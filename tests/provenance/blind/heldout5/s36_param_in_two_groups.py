# The first parameter group takes model.parameters(), which already includes the head that the second group lists again with a higher lr
# expect: {"params": model.parameters(), "lr": cfg.lr}
# category: optimizer/param-groups
# made-at: 31
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class FinetuneConfig:
    lr: float = 1e-4
    head_lr_mult: float = 10.0
    num_classes: int = 7
    epochs: int = 1


class Classifier(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(128, 256), nn.GELU(), nn.Linear(256, 256), nn.GELU())
        self.head = nn.Linear(256, num_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def make_optimizer(model, cfg):
    groups = [
        {"params": model.parameters(), "lr": cfg.lr},
        {"params": model.head.parameters(), "lr": cfg.lr * cfg.head_lr_mult},
    ]
    return torch.optim.AdamW(groups, weight_decay=0.01)


def main():
    cfg = FinetuneConfig()
    torch.manual_seed(0)
    model = Classifier(cfg.num_classes)
    opt = make_optimizer(model, cfg)
    x, y = torch.randn(64, 128), torch.randint(0, cfg.num_classes, (64,))
    for _ in range(cfg.epochs):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
