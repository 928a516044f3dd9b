"""One AdamW step of a small MLP on the GPU (for the memory estimate)."""

import torch
from torch import nn


def build():
    model = nn.Sequential(nn.Linear(256, 512), nn.ReLU(), nn.Linear(512, 10))
    return model, torch.optim.AdamW(model.parameters())


def step(model, optimizer, device):
    loss = model(torch.randn(32, 256, device=device)).sum()
    loss.backward()
    optimizer.step()


if __name__ == "__main__":
    model, optimizer = build()
    model = model.cuda()
    optimizer = torch.optim.AdamW(model.parameters())
    step(model, optimizer, "cuda")
