# Float indices into an Embedding.
# expect: ids
# category: dtype/index-not-integer
# roles: index
# message: but got torch\.(?P<found>\w+) instead
import torch
from torch import nn

embedding = nn.Embedding(10, 4)
ids = torch.tensor([1.0, 2.0, 3.0])
vectors = embedding(ids)
