# torch.nn.functional.relu (a function) is placed inside nn.Sequential instead of the nn.ReLU module
# expect: self.mlp
# category: module/forward-misuse
# made-at: 13
import torch
import torch.nn as nn
import torch.nn.functional as F


class Head(nn.Module):
    def __init__(self, dim=32, n_out=3):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(dim, dim), F.relu, nn.Linear(dim, n_out))

    def forward(self, x):
        return self.mlp(x)


torch.manual_seed(0)
head = Head()
print(head(torch.randn(2, 32)))

# raises: TypeError: torch.nn.functional.relu is not a Module subclass
