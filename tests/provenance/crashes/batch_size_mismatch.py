# Outputs and labels with different batch sizes (a dropped last sample).
# expect: labels[:-1]
# category: shape/batch-size-mismatch
# roles: target
# message: Expected input batch_size \((?P<input_batch>\d+)\) to match target batch_size \((?P<target_batch>\d+)\)
import torch
from torch import nn

model = nn.Linear(5, 3)
inputs = torch.randn(4, 5)
labels = torch.tensor([0, 2, 1, 1])
loss = nn.functional.cross_entropy(model(inputs), labels[:-1])
