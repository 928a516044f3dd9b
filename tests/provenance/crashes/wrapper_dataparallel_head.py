# A model wrapped in DataParallel (as multi-GPU scripts do; on a CPU machine it calls the
# model directly): the layer is named by the user's own path, not `model.module.head`.
# expect-module: model.head
# category: shape/matmul-mismatch
# roles: input, weight
# message: mat1 and mat2 shapes cannot be multiplied \((?P<m1_rows>\d+)x(?P<in_found>\d+) and (?P<in_expected>\d+)x(?P<out_features>\d+)\)
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(16, 32), nn.ReLU())
        self.head = nn.Linear(64, 5)

    def forward(self, x):
        return self.head(self.backbone(x))


model = nn.DataParallel(Classifier())
logits = model(torch.randn(4, 16))
