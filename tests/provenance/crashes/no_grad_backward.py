# The loss was computed under torch.no_grad.
# expect: loss
# category: autograd/no-grad-fn
# roles: input
# message: does not require grad
import torch
from torch import nn

model = nn.Linear(3, 1)
with torch.no_grad():
    loss = model(torch.randn(4, 3)).pow(2).mean()
loss.backward()
