# the InfoNCE targets are built once from args.batch_size; the last, smaller batch has fewer rows than targets
# expect: targets
# also-accept: args.batch_size
# category: shape/loss-batch-mismatch
# made-at: 33
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class TwoTower(nn.Module):
    def __init__(self, dim_a=24, dim_b=16, out=32):
        super().__init__()
        self.tower_a = nn.Sequential(nn.Linear(dim_a, 64), nn.ReLU(), nn.Linear(64, out))
        self.tower_b = nn.Sequential(nn.Linear(dim_b, 64), nn.ReLU(), nn.Linear(64, out))

    def forward(self, a, b):
        return F.normalize(self.tower_a(a), dim=-1), F.normalize(self.tower_b(b), dim=-1)


parser = argparse.ArgumentParser()
parser.add_argument("--batch_size", type=int, default=32)
parser.add_argument("--temperature", type=float, default=0.07)
args = parser.parse_args()

pairs = TensorDataset(torch.randn(100, 24), torch.randn(100, 16))
loader = DataLoader(pairs, batch_size=args.batch_size, shuffle=True)
model = TwoTower()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
targets = torch.arange(args.batch_size)

for epoch in range(2):
    for a, b in loader:
        za, zb = model(a, b)
        logits = za @ zb.t() / args.temperature
        loss = (F.cross_entropy(logits, targets) + F.cross_entropy(logits.t(), targets)) / 2
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
