# A forward zeroes a column of a tensor in place after multiplying with it: the product
# saved that tensor for backward. The culprit is that tensor and the in-place write.
# expect: h
# category: autograd/inplace-modified
# roles: input
# message: is at version (?P<version>\d+); expected version
import torch
from torch import nn


class Gate(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, 6)
        self.weight = nn.Parameter(torch.ones(6))

    def forward(self, x):
        h = self.fc(x)
        scaled = h * self.weight
        h[:, 0] = 0.0
        return scaled.sum() + h.sum()


model = Gate()
loss = model(torch.randn(3, 6))
loss.backward()
