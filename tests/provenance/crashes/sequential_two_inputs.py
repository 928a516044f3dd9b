# A Sequential called with two inputs.
# expect-module: model.encoder
# category: module/forward-misuse
# roles: module
# message: positional argument
import torch
from torch import nn


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(4, 4), nn.ReLU())

    def forward(self, x, mask):
        return self.encoder(x, mask)


model = Model()
model(torch.randn(2, 4), torch.ones(2, 4))
