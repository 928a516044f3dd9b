# NHWC images (as loaded from PIL/numpy) into an NCHW conv.
# expect: images
# category: shape/conv-channels
# roles: input
# message: expected input\[(?P<shape>[\d, ]+)\] to have (?P<expected>\d+) channels, but got (?P<got>\d+) channels
import torch
from torch import nn

conv = nn.Conv2d(3, 8, kernel_size=3)
images = torch.rand(4, 32, 32, 3)
features = conv(images)
