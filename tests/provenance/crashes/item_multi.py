# .item() on a per-sample loss vector inside a metrics helper.
# expect: criterion
# category: value/multi-element-scalar
# roles: input
# message: a Tensor with (?P<count>\d+) elements cannot be converted to Scalar
import torch
from torch import nn


def log_metrics(history, losses):
    history.append(losses.item())


criterion = nn.CrossEntropyLoss(reduction="none")
history: list[float] = []
batch_losses = criterion(torch.randn(3, 4), torch.tensor([0, 1, 3]))
log_metrics(history, batch_losses)
