# model.parameters() is a generator stored in a variable and used up by the parameter count, so the optimizer receives an empty list
# expect: params = model.parameters()
# category: python/generator
# made-at: 29
import argparse

import torch
import torch.nn as nn


def build_model(args):
    return nn.Sequential(
        nn.Conv2d(3, args.width, 3, padding=1), nn.ReLU(),
        nn.Conv2d(args.width, args.width, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(args.width, args.num_classes),
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--num-classes", type=int, default=10)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--weight-decay", type=float, default=0.05)
    args = parser.parse_args([])

    torch.manual_seed(0)
    model = build_model(args)
    params = model.parameters()
    n_params = sum(p.numel() for p in params if p.requires_grad)
    print(f"trainable parameters: {n_params / 1e3:.1f}k")
    optimizer = torch.optim.AdamW(params, lr=args.lr, weight_decay=args.weight_decay)

    x = torch.randn(16, 3, 32, 32)
    y = torch.randint(0, args.num_classes, (16,))
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


if __name__ == "__main__":
    main()
