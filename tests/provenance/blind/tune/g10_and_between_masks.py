# Two boolean masks combined with Python `and` instead of `&`
# expect: valid
# category: value/ambiguous-bool
# made-at: 10
import torch

torch.manual_seed(0)
depth = torch.rand(4, 64, 64) * 10
pred = depth + 0.1 * torch.randn_like(depth)
valid = (depth > 0.1) and (depth < 8.0)
rmse = ((pred - depth)[valid] ** 2).mean().sqrt()
print(rmse)

# raises: RuntimeError: Boolean value of Tensor with more than one value is ambiguous
