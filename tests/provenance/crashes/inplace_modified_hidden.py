# A sigmoid output (saved for its backward) is changed in place before backward.
# expect: gate
# expect-made-at: 17
# category: autograd/inplace-modified
# roles: input
# message: is at version (?P<version>\d+); expected version
import torch
from torch import nn


class GatedBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.proj = nn.Linear(4, 4)

    def forward(self, x):
        gate = torch.sigmoid(self.proj(x))
        out = x * gate
        gate.mul_(0.5)
        return out.sum() + gate.sum()


block = GatedBlock()
loss = block(torch.randn(3, 4))
loss.backward()
