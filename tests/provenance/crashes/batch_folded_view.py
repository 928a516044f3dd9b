# A view(-1, N) with the wrong N doubles the batch: the input, not the labels, is named.
# expect: logits
# category: shape/batch-size-mismatch
# roles: input, target
# message: Expected input batch_size \((?P<input_batch>\d+)\) to match target batch_size \((?P<target_batch>\d+)\)
import torch
from torch import nn

head = nn.Linear(16, 3)
maps = torch.randn(6, 4, 8)
labels = torch.randint(0, 3, (6,))
logits = head(maps.view(-1, 16))
loss = nn.functional.cross_entropy(logits, labels)
