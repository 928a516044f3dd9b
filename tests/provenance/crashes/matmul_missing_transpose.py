# Attention scores written without transposing the keys.
# expect: keys
# category: shape/matmul-mismatch
# roles: input, weight
# message: \((?P<m1_rows>\d+)x(?P<in_found>\d+) and (?P<in_expected>\d+)x(?P<out_features>\d+)\)
import torch

queries = torch.randn(6, 16)
keys = torch.randn(9, 16)
scores = torch.mm(queries, keys)
