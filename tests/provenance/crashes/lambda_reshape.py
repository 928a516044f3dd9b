# A reshape inside a lambda applied with map.
# expect: t
# category: shape/invalid-view
# roles: input
# message: is invalid for input of size (?P<size>\d+)
import torch

flatten_pairs = lambda t: t.reshape(-1, 2)  # noqa: E731
items = [torch.randn(4), torch.randn(5)]
pairs = list(map(flatten_pairs, items))
