# A training script whose --device defaults to cuda, run on a machine without CUDA: the
# setting is the culprit, not the model that received it.
# expect: args.device
# expect-made-at: 14
# category: device/cuda-unavailable
# roles: module
# message: Torch not compiled with CUDA enabled|NVIDIA driver
import argparse

import torch
from torch import nn

parser = argparse.ArgumentParser()
parser.add_argument("--device", default="cuda", help="where to train")
parser.add_argument("--lr", type=float, default=0.1)
args = parser.parse_args([])

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
model.to(args.device)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
