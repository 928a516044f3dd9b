# A learnable offset tensor is created from integer literals, so it is int64 and cannot require grad
# expect: offset
# category: dtype/integer-requires-grad
# made-at: 9
import torch

torch.manual_seed(0)
scale = torch.tensor([1.0, 1.0, 1.0], requires_grad=True)
offset = torch.tensor([0, 0, 0], requires_grad=True)
x = torch.randn(10, 3)
y = 2 * x + 1
for _ in range(20):
    pred = x * scale + offset
    loss = ((pred - y) ** 2).mean()
    loss.backward()

# raises: RuntimeError: Only Tensors of floating point and complex dtype can require gradients
