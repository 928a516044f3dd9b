# A CNN whose classifier's in_features is wrong after flatten, all in Sequential.
# expect-module: net.classifier.1
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<a_rows>\d+)x(?P<a_cols>\d+) and (?P<b_rows>\d+)x(?P<b_cols>\d+)\)
import torch
from torch import nn

net = nn.Sequential()
net.add_module(
    "features",
    nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3), nn.ReLU()),
)
net.add_module("classifier", nn.Sequential(nn.Flatten(), nn.Linear(16 * 12 * 12, 10)))

images = torch.randn(4, 1, 28, 28)
logits = net(images)
