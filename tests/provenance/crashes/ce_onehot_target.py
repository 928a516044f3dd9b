# One-hot float targets of the wrong shape for NLLLoss.
# expect: targets
# category: shape/target-shape
# roles: target
# message: multi-target not supported
import torch
from torch import nn

criterion = nn.NLLLoss()
scores = torch.randn(8, 4).log_softmax(dim=1)
targets = torch.nn.functional.one_hot(torch.randint(0, 4, (8,)), 4)
loss = criterion(scores, targets)
