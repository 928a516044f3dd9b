# The forward pass ran inside a no_grad block copied from evaluation code: the
# predictions, made there, are what cut the graph.
# expect: preds
# expect-made-at: 14
# category: autograd/no-grad-fn
# roles: loss
# message: element 0 of tensors does not require grad
import torch
from torch import nn

model = nn.Linear(4, 1)
inputs, targets = torch.randn(8, 4), torch.randn(8, 1)
with torch.no_grad():
    preds = model(inputs)
loss = nn.functional.mse_loss(preds, targets)
loss.backward()
