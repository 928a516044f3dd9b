# A single 2D image into a conv that needs (C, H, W) or (N, C, H, W).
# expect: img
# category: shape/missing-batch-dim
# roles: input
# message: Expected 3D \(unbatched\) or (?P<expected_dim>\d)D \(batched\) input
import torch
from torch import nn

conv = nn.Conv2d(1, 4, 3)
img = torch.randn(28, 28)
conv(img)
