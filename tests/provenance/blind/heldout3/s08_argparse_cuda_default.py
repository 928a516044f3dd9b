# the --device default is "cuda", but the script is run on a CPU-only machine
# expect: args.device
# category: device/cuda-unavailable
# made-at: 20
import argparse

import torch
import torch.nn as nn


def build_model(hidden: int) -> nn.Module:
    return nn.Sequential(nn.Linear(20, hidden), nn.GELU(), nn.Linear(hidden, 2))


def get_args():
    parser = argparse.ArgumentParser(description="binary classifier")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--steps", type=int, default=50)
    parser.add_argument("--device", type=str, default="cuda")
    return parser.parse_args()


def main():
    args = get_args()
    model = build_model(args.hidden).to(args.device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    for step in range(args.steps):
        x = torch.randn(32, 20, device=args.device)
        y = (x[:, 0] > 0).long()
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print("done", loss.item())


if __name__ == "__main__":
    main()
