# A batch of one through BatchNorm1d in training mode.
# expect: sample
# category: shape/batchnorm-single-sample
# roles: input
# message: Expected more than 1 value per channel when training
import torch
from torch import nn

model = nn.Sequential(nn.Linear(8, 8), nn.BatchNorm1d(8), nn.ReLU())
sample = torch.randn(1, 8)
model(sample)
