# BatchNorm1d after a Conv2d: the user's images passed the conv; the misfit layer is named.
# expect-module: net.1
# category: shape/missing-batch-dim
# roles: input
# message: expected (?P<expected>\dD(?: or \dD)?) input \(got (?P<found_dim>\d)D input\)
import torch
from torch import nn

net = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm1d(4))
digits = torch.rand(2, 1, 12, 12)
net(digits)
