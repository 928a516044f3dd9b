# BCEWithLogitsLoss given int64 targets.
# expect: y
# category: dtype/target-not-float
# roles: target
# message: result type (?P<expected>\w+) can't be cast to the desired output type (?P<found>\w+)
import torch
from torch import nn


class Classifier(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.score = nn.Linear(10, 1)

    def forward(self, x):
        return self.score(x).squeeze(-1)


model = Classifier()
criterion = nn.BCEWithLogitsLoss()
x = torch.randn(6, 10)
y = torch.tensor([0, 1, 1, 0, 1, 0])
loss = criterion(model(x), y)
