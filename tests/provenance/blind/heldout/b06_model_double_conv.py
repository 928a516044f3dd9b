# The model was cast with .double() in a helper, but the image batch stays float32
# expect: model
# also-accept: net
# category: dtype/input-weight-mismatch
# made-at: 29
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class Config:
    channels: int = 3
    width: int = 16
    num_classes: int = 4
    precise: bool = True


def build_model(cfg: Config) -> nn.Module:
    net = nn.Sequential(
        nn.Conv2d(cfg.channels, cfg.width, 3, padding=1),
        nn.ReLU(),
        nn.AdaptiveAvgPool2d(1),
        nn.Flatten(),
        nn.Linear(cfg.width, cfg.num_classes),
    )
    if cfg.precise:
        return net.double()
    return net


def evaluate(model, images):
    model.eval()
    with torch.no_grad():
        return model(images).argmax(dim=1)


if __name__ == "__main__":
    torch.manual_seed(0)
    cfg = Config()
    model = build_model(cfg)
    images = torch.rand(8, 3, 32, 32)
    print(evaluate(model, images))

# raises: RuntimeError: Input type (float) and bias type (double) should be the same
