# A bias of the wrong width added to activations: the operand applied to the data is named.
# expect: bias
# category: shape/broadcast-mismatch
# roles: input
# message: The size of tensor a \((?P<size_a>\d+)\) must match the size of tensor b \((?P<size_b>\d+)\) at non-singleton dimension (?P<dim>\d+)
import torch

hidden = torch.randn(8, 32)
bias = torch.zeros(16)
out = hidden + bias
