# float64 data from numpy into a float32 model.
# expect: x
# category: dtype/input-weight-mismatch
# roles: input
# message: but got (?P<found>\w+) and (?P<expected>\w+)
import numpy as np
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
x = torch.from_numpy(np.random.rand(16, 4))
pred = model(x)
