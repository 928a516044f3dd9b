# A half-precision input to a float32 module, written inline.
# expect: features.half()
# category: dtype/input-weight-mismatch
# roles: input
# message: but got (?P<found>\w+) and (?P<expected>\w+)
import torch
from torch import nn


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(12, 6)

    def forward(self, x):
        return self.proj(x)


encoder = Encoder()
features = torch.randn(3, 12)
encoder(features.half())
