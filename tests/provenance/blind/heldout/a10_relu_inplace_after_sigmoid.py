# An inplace ReLU overwrites the output of sigmoid, which sigmoid's backward needs
# expect: self.act
# category: autograd/inplace-modified
# made-at: 16
import torch
import torch.nn as nn

torch.manual_seed(0)


class GatedBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.lin = nn.Linear(dim, dim)
        self.gate = nn.Sigmoid()
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        g = self.gate(self.lin(x))
        return self.act(g)


net = nn.Sequential(GatedBlock(16), nn.Linear(16, 1))
out = net(torch.randn(4, 16))
out.sum().backward()

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [4, 16]], which is output 0 of Sigmoid, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gra...
