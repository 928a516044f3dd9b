# the triplet loss helper accumulates .item() floats and wraps them in a new tensor, cutting the graph
# expect: total
# also-accept: loss
# category: autograd/item-in-loss
# made-at: 25
import torch
import torch.nn as nn
import torch.nn.functional as F


class Embedder(nn.Module):
    def __init__(self, in_dim=32, out_dim=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Linear(64, out_dim))

    def forward(self, x):
        return F.normalize(self.net(x), dim=-1)


def triplet_loss(anchor, positive, negative, margin=0.2):
    total = 0.0
    for a, p, n in zip(anchor, positive, negative):
        d_ap = (a - p).pow(2).sum()
        d_an = (a - n).pow(2).sum()
        total += F.relu(d_ap - d_an + margin).item()
    return torch.tensor(total / len(anchor))


def make_triplets(n=16):
    anchor = torch.randn(n, 32)
    positive = anchor + 0.1 * torch.randn(n, 32)
    negative = torch.randn(n, 32)
    return anchor, positive, negative


model = Embedder()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(5):
    a, p, n = make_triplets()
    loss = triplet_loss(model(a), model(p), model(n))
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, loss.item())
