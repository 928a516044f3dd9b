# argparse defaults --device to cuda:0 and the script is run without the flag on a CPU-only machine
# expect: args.device
# category: device/cuda-unavailable
# made-at: 16
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def get_args(argv=None):
    parser = argparse.ArgumentParser(description="train a small regressor")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--bs", type=int, default=16)
    parser.add_argument("--device", type=str, default="cuda:0")
    return parser.parse_args(argv)


def train(args):
    torch.manual_seed(0)
    ds = TensorDataset(torch.randn(64, 3), torch.randn(64, 1))
    loader = DataLoader(ds, batch_size=args.bs)
    model = nn.Linear(3, 1)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(args.epochs):
        for x, y in loader:
            x, y = x.to(args.device), y.to(args.device)
            loss = nn.functional.mse_loss(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()


if __name__ == "__main__":
    train(get_args([]))

# raises: AssertionError: Torch not compiled with CUDA enabled
