# The --device option defaults to "cuda" on a machine without a GPU
# expect: default="cuda"
# also-accept: args.device
# category: device/cuda-unavailable
# made-at: 16
import argparse

import torch
import torch.nn as nn


def get_args(argv=None):
    parser = argparse.ArgumentParser(description="train a small regressor")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=1e-2)
    parser.add_argument("--device", type=str, default="cuda")
    return parser.parse_args(argv)


def make_data(n=128):
    x = torch.linspace(-2, 2, n).unsqueeze(1)
    return x, x.pow(3) - x


def main(argv=None):
    args = get_args(argv)
    x, y = make_data()
    model = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 1)).to(args.device)
    x, y = x.to(args.device), y.to(args.device)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main([])
