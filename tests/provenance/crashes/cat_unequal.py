# torch.cat of feature maps with different widths, inside a forward.
# expect: [low, high]
# category: shape/concat-mismatch
# roles: tensors
# message: Sizes of tensors must match except in dimension
import torch
from torch import nn


class Fuse(nn.Module):
    def forward(self, low, high):
        return torch.cat([low, high], dim=1)


fuse = Fuse()
fuse(torch.randn(2, 8, 16, 16), torch.randn(2, 8, 8, 8))
