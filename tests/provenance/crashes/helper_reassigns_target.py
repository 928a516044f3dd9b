# A helper converts the labels it was given: the value that reached the loss is its own `y`,
# not the caller's `labels` (int64, correct); naming `labels` as float would be a wrong fact.
# expect: y
# category: dtype/target-not-long
# roles: target
# message: but got (?P<found>\w+)
import torch
from torch import nn


def compute_loss(criterion, logits, y):
    y = y.float() / 1.0  # "normalised" labels
    return criterion(logits, y)


model = nn.Linear(8, 4)
labels = torch.randint(0, 4, (16,))
compute_loss(nn.NLLLoss(), model(torch.randn(16, 8)).log_softmax(-1), labels)
