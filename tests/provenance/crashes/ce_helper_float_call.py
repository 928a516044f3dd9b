# The culprit is a call expression: its value is read from the callee's frame.
# expect: batch["y"].float()
# category: dtype/target-not-long
# roles: target
# message: but got (?P<found>\w+)
import torch
from torch import nn


def compute_loss(criterion, out, batch):
    return criterion(out, batch["y"].float())


def train_step(model, criterion, batch):
    out = model(batch["x"])
    return compute_loss(criterion, out, batch)


model = nn.Linear(8, 4)
batch = {"x": torch.randn(16, 8), "y": torch.randint(0, 4, (16,))}
train_step(model, nn.CrossEntropyLoss(), batch)
