# The --n-heads default (6) does not divide the model width 256, so MultiheadAttention refuses to build
# expect: p.add_argument("--n-heads", type=int, default=6)
# category: config/heads
# made-at: 14
import argparse

import torch
import torch.nn as nn


def get_args(argv=None):
    p = argparse.ArgumentParser(description="set transformer for point clouds")
    p.add_argument("--d-model", type=int, default=256)
    p.add_argument("--n-heads", type=int, default=6)
    p.add_argument("--n-points", type=int, default=128)
    p.add_argument("--n-classes", type=int, default=8)
    p.add_argument("--lr", type=float, default=1e-3)
    return p.parse_args(argv)


class SetBlock(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.norm = nn.LayerNorm(d_model)
        self.ff = nn.Sequential(nn.Linear(d_model, 2 * d_model), nn.ReLU(), nn.Linear(2 * d_model, d_model))

    def forward(self, x):
        x = self.norm(x + self.attn(x, x, x, need_weights=False)[0])
        return x + self.ff(x)


class PointSetClassifier(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.embed = nn.Linear(3, args.d_model)
        self.block = SetBlock(args.d_model, args.n_heads)
        self.head = nn.Linear(args.d_model, args.n_classes)

    def forward(self, pts):
        return self.head(self.block(self.embed(pts)).max(dim=1).values)


def main():
    args = get_args([])
    torch.manual_seed(0)
    model = PointSetClassifier(args)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    pts = torch.randn(8, args.n_points, 3)
    labels = torch.randint(0, args.n_classes, (8,))
    loss = nn.functional.cross_entropy(model(pts), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()


if __name__ == "__main__":
    main()
