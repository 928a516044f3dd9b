# An in-place ReLU overwrites a tensor that a skip connection also saved for backward.
# expect: model.act
# category: autograd/inplace-modified
# roles: input
# message: is at version (?P<version>\d+); expected version
import torch
from torch import nn


class Residual(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 4)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        h = torch.sigmoid(self.fc(x))
        return self.act(h) * h


model = Residual()
loss = model(torch.randn(2, 4)).sum()
loss.backward()
