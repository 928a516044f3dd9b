# Pooling larger than the feature map left after downsampling.
# expect-module: model.pool
# category: shape/input-too-small
# roles: module
# message: Output size is too small
import torch
from torch import nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3, stride=2)
        self.pool = nn.MaxPool2d(4)

    def forward(self, x):
        return self.pool(torch.relu(self.conv(x)))


model = Net()
model(torch.randn(1, 1, 6, 6))
