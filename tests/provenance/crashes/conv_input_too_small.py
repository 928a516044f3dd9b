# Images too small for the network's downsampling: the input, not the last conv, is named.
# expect: thumbs
# category: shape/input-too-small
# roles: input
# message: Calculated padded input size per channel: \((?P<input_size>[\d x]+)\)\. Kernel size: \((?P<kernel_size>[\d x]+)\)
import torch
from torch import nn

net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.MaxPool2d(2), nn.Conv2d(8, 16, 5))
thumbs = torch.rand(4, 3, 8, 8)
net(thumbs)
