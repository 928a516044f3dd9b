# Attention scores written without transposing the keys.
# expect: keys
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<a_rows>\d+)x(?P<a_cols>\d+) and (?P<b_rows>\d+)x(?P<b_cols>\d+)\)
import torch

queries = torch.randn(6, 16)
keys = torch.randn(9, 16)
scores = torch.mm(queries, keys)
