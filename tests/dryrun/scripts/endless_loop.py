"""Trains forever on tensors batched by hand: no DataLoader stops it."""

import torch
from torch import nn

model = nn.Linear(4, 1).cuda()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
data = torch.randn(64, 4)
step = 0
while True:
    batch = data[(step * 8) % 64 : (step * 8) % 64 + 8].cuda()
    model(batch).pow(2).mean().backward()
    optimizer.step()
    optimizer.zero_grad()
    step += 1
