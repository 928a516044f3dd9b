# LayerNorm sized for another width than the layer before it produces: the layer is named.
# expect-module: block.1
# category: shape/conv-channels
# roles: input, module
# message: Given normalized_shape=\[(?P<normalized>[\d, ]+)\], expected input with shape \[\*, (?P<expected>[\d, ]+)\], but got input of size ?\[(?P<input_shape>[\d, ]+)\]
import torch
from torch import nn

block = nn.Sequential(nn.Linear(10, 48), nn.LayerNorm(24))
tokens = torch.randn(5, 10)
block(tokens)
