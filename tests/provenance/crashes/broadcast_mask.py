# A mask built for the wrong sequence length, applied with masked_fill.
# expect: mask
# category: shape/broadcast-mismatch
# roles: input
# message: The size of tensor a \((?P<size_a>\d+)\) must match the size of tensor b \((?P<size_b>\d+)\) at non-singleton dimension (?P<dim>\d+)
import torch

scores = torch.randn(2, 10, 10)
mask = torch.ones(2, 10, 12, dtype=torch.bool)
scores = scores.masked_fill(mask, float("-inf"))
