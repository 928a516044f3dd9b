# Sequence logits with classes last: cross_entropy wants (N, C, L); the logits are named.
# expect: token_logits
# category: shape/target-shape
# roles: input
# message: Expected target size \[(?P<expected>[\d, ]+)\], got \[(?P<found>[\d, ]+)\]
import torch
from torch import nn

token_logits = torch.randn(3, 7, 11)
tags = torch.randint(0, 11, (3, 7))
loss = nn.CrossEntropyLoss()(token_logits, tags)
