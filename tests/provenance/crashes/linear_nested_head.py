# A Linear inside a nested module gets the wrong feature size.
# expect-module: model.head.fc
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<m1_rows>\d+)x(?P<in_found>\d+) and (?P<in_expected>\d+)x(?P<out_features>\d+)\)
import torch
from torch import nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(256, 10)

    def forward(self, x):
        return self.fc(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(32, 512), nn.ReLU())
        self.head = Head()

    def forward(self, x):
        h = self.body(x)
        return self.head(h)


model = Net()
out = model(torch.randn(64, 32))
