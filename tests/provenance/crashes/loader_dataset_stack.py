# Default collate stacks crops of different sizes: the dataset, not the loop, is named.
# expect: crops
# category: shape/collate-unequal
# roles: input
# message: stack expects each tensor to be equal size, but got \[[\d, ]+\] at entry (?P<first_index>\d+) and \[[\d, ]+\] at entry (?P<other_index>\d+)
import torch
from torch.utils.data import DataLoader

crops = [torch.rand(3, 32, 32), torch.rand(3, 28, 28)]
loader = DataLoader(crops, batch_size=2)
for _batch in loader:
    pass
