# backward on a per-sample loss vector.
# expect: criterion
# category: autograd/nonscalar-backward
# roles: input
# message: grad can be implicitly created only for scalar outputs
import torch
from torch import nn

model = nn.Linear(3, 1)
criterion = nn.MSELoss(reduction="none")
per_sample = criterion(model(torch.randn(4, 3)), torch.zeros(4, 1))
per_sample.backward()
