# after nn.DataParallel(model) the name model is the wrapper, so model.features and model.classifier no longer exist (they live under model.module)
# expect: model
# also-accept: nn.DataParallel(model)
# category: module/forward-misuse
# made-at: 45
import argparse

import torch
import torch.nn as nn


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-parallel", action="store_true", default=True)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--base-lr", type=float, default=1e-5)
    return ap.parse_args()


class Encoder(nn.Module):
    def __init__(self, dim=32, n_classes=5):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(64, dim), nn.GELU(), nn.Linear(dim, dim))
        self.classifier = nn.Linear(dim, n_classes)

    def forward(self, x):
        return self.classifier(self.features(x))


def pretrained_encoder():
    torch.manual_seed(0)
    return Encoder()


def param_groups(model, args):
    return [
        {"params": model.features.parameters(), "lr": args.base_lr},
        {"params": model.classifier.parameters(), "lr": args.head_lr},
    ]


args = parse()
model = pretrained_encoder()
if args.data_parallel:
    model = nn.DataParallel(model)
optimizer = torch.optim.AdamW(param_groups(model, args))
for step in range(5):
    x, y = torch.randn(8, 64), torch.randint(0, 5, (8,))
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
