# A class index equal to the number of classes (labels 1..10 instead of 0..9).
# expect: labels
# category: index/class-out-of-range
# roles: target
# message: Target (?P<index>-?\d+) is out of bounds
import torch
from torch import nn

criterion = nn.CrossEntropyLoss()
logits = torch.randn(8, 10)
labels = torch.tensor([1, 2, 3, 4, 5, 6, 7, 10])
loss = criterion(logits, labels)
