# A plain int overruns a dimension: the indexed tensor (what to check it against) is named.
# expect: probs
# category: index/out-of-bounds
# roles: index
# message: index (?P<index>-?\d+) is out of bounds for dimension (?P<dim>\d+) with size (?P<size>\d+)
import torch

probs = torch.rand(4, 10)
label = 10
picked = probs[:, label]
