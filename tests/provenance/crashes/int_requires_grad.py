# requires_grad on an integer tensor.
# expect: counts
# category: dtype/integer-requires-grad
# roles: input
# message: (?i)only Tensors of floating point
import torch

counts = torch.tensor([1, 2, 3])
counts.requires_grad_(True)
