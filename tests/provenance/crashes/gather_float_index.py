# gather with a float index tensor.
# expect: picks
# category: dtype/index-not-integer
# roles: index
# message: Expected dtype int32/int64 for index
import torch

scores = torch.randn(4, 6)
picks = torch.tensor([[0.0], [2.0], [1.0], [5.0]])
chosen = torch.gather(scores, 1, picks)
