# An MLP built with ModuleList; the third layer has the wrong in_features.
# expect-module: mlp.layers.2
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<m1_rows>\d+)x(?P<in_found>\d+) and (?P<in_expected>\d+)x(?P<out_features>\d+)\)
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList(nn.Linear(a, b) for a, b in sizes)

    def forward(self, x):
        for layer in self.layers:
            x = torch.relu(layer(x))
        return x


mlp = MLP([(20, 64), (64, 32), (64, 8)])
mlp(torch.randn(5, 20))
