"""Run as `-m pkg.train`: a device bug a CPU run never shows."""

import sys

import torch
from torch import nn

model = nn.Linear(3, 2).cuda()
inputs = torch.randn(4, 3)  # never moved to the GPU
print("argv", sys.argv[1:])
model(inputs)
