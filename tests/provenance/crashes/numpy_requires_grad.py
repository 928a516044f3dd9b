# .numpy() on a prediction still attached to the graph.
# expect: preds
# category: autograd/numpy-requires-grad
# roles: input
# message: Can't call numpy\(\) on Tensor that requires grad
import torch
from torch import nn

model = nn.Linear(2, 1)
preds = model(torch.randn(3, 2))
values = preds.numpy()
