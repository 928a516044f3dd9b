# The model moved to another device (meta stands in for cuda); the batch stays on the CPU.
# expect: x
# category: device/tensor-mismatch
# roles: input
# message: Tensor on device (?P<device_a>[\w:]+) is not on the expected device (?P<device_b>[\w:]+)!
import torch
from torch import nn

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU()).to("meta")
x = torch.randn(2, 4)
y = model(x)
