# The --hidden option takes nargs="+" but its default is the string "256 128" and it has no type, so the MLP builder iterates characters
# expect: parser.add_argument("--hidden", nargs="+", default="256 128")
# category: config/type
# made-at: 15
import argparse

import numpy as np
import torch
import torch.nn as nn


def get_args(argv=None):
    parser = argparse.ArgumentParser(description="tabular regression baseline")
    parser.add_argument("--n-features", type=int, default=20)
    parser.add_argument("--hidden", nargs="+", default="256 128")
    parser.add_argument("--dropout", type=float, default=0.1)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--lr", type=float, default=3e-4)
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args(argv)


def build_mlp(in_dim, hidden, dropout):
    layers = []
    prev = in_dim
    for h in hidden:
        layers += [nn.Linear(prev, h), nn.ReLU(), nn.Dropout(dropout)]
        prev = h
    layers.append(nn.Linear(prev, 1))
    return nn.Sequential(*layers)


def make_regression(n, d, rng):
    X = rng.normal(size=(n, d)).astype(np.float32)
    w = rng.normal(size=(d, 1)).astype(np.float32)
    y = X @ w + 0.1 * rng.normal(size=(n, 1)).astype(np.float32)
    return torch.from_numpy(X), torch.from_numpy(y)


def main():
    args = get_args([])
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    X, y = make_regression(1024, args.n_features, rng)
    model = build_mlp(args.n_features, args.hidden, args.dropout)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        perm = torch.randperm(len(X))
        for i in range(0, len(X), args.batch_size):
            idx = perm[i:i + args.batch_size]
            loss = nn.functional.mse_loss(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} mse {loss.item():.4f}")


if __name__ == "__main__":
    main()
