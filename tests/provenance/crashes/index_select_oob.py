# index_select with ids beyond the table.
# expect: ids
# category: index/out-of-bounds
# roles: index
# message: index out of range in self
import torch

table = torch.randn(10, 4)
ids = torch.tensor([1, 4, 12])
rows = table.index_select(0, ids)
