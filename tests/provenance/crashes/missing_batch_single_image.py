# Inference on one image taken from the dataset: no batch dimension. The culprit is the
# image, not the first layer that rejects it.
# expect: image
# expect-made-at: 15
# category: shape/missing-batch-dim
# roles: input
# message: expected 4D input \(got (?P<found_dim>\d)D input\)
import torch
from torch import nn
from torch.utils.data import TensorDataset

model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU())
model.eval()
dataset = TensorDataset(torch.randn(10, 3, 16, 16), torch.randint(0, 2, (10,)))
image, label = dataset[0]
prediction = model(image)
