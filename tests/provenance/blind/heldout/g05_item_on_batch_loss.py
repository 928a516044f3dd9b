# Per-sample loss (reduction="none") logged with .item(), which needs a single-element tensor
# expect: loss
# also-accept: criterion
# category: value/multi-element-scalar
# made-at: 15
import torch
import torch.nn as nn

torch.manual_seed(0)
criterion = nn.MSELoss(reduction="none")
model = nn.Linear(3, 1)
history = []
for step in range(3):
    x, y = torch.randn(8, 3), torch.randn(8, 1)
    loss = criterion(model(x), y)
    loss.mean().backward()
    history.append(loss.item())

# raises: RuntimeError: a Tensor with 8 elements cannot be converted to Scalar
