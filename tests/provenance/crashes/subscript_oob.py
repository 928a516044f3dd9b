# Advanced indexing with an index tensor beyond the first dimension.
# expect: rows
# category: index/out-of-bounds
# roles: index
# message: index (?P<index>\d+) is out of bounds for dimension (?P<dim>\d+) with size (?P<size>\d+)
import torch

table = torch.randn(5, 3)
rows = torch.tensor([0, 2, 7])
picked = table[rows]
