# The --batch-size option has no type=int, so a value given on the command line stays a string
# expect: parser.add_argument("--batch-size", default=32)
# also-accept: args.batch_size
# category: config/type
# made-at: 16
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def build_parser():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", default=32)
    parser.add_argument("--lr", type=float, default=0.01)
    return parser


def make_loaders(args):
    x = torch.randn(500, 4)
    y = x @ torch.tensor([[1.0], [-2.0], [0.5], [0.0]])
    ds = TensorDataset(x, y)
    return DataLoader(ds, batch_size=args.batch_size, shuffle=True)


def main(argv):
    args = build_parser().parse_args(argv)
    loader = make_loaders(args)
    model = nn.Linear(4, 1)
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for _ in range(args.epochs):
        for x, y in loader:
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    main(["--batch-size", "64", "--epochs", "2"])
