# A CNN whose classifier's in_features is wrong after flatten, all in Sequential.
# expect-module: net.classifier.1
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<m1_rows>\d+)x(?P<in_found>\d+) and (?P<in_expected>\d+)x(?P<out_features>\d+)\)
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
