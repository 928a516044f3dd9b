# Old-style `loss.data[0]` on a 0-dim loss: `.data` is not read, the tensor behind it is named.
# expect: loss
# category: index/out-of-bounds
# roles: input
# message: invalid index of a 0-dim tensor
import torch

loss = (torch.randn(5) ** 2).mean()
value = loss.data[0]
