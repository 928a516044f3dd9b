# Old training utility imports `inf` from torch._six, a module removed in PyTorch 2.0
# expect: torch._six
# category: environment/version-mismatch
# made-at: 7
import torch
import torch.nn as nn
from torch._six import inf


def clip_grad_norm(parameters, max_norm, norm_type=2):
    parameters = [p for p in parameters if p.grad is not None]
    if norm_type == inf:
        total = max(p.grad.abs().max() for p in parameters)
    else:
        total = torch.norm(torch.stack([torch.norm(p.grad, norm_type) for p in parameters]), norm_type)
    for p in parameters:
        p.grad.mul_(max_norm / (total + 1e-6))
    return total


model = nn.Linear(3, 1)
model(torch.randn(2, 3)).sum().backward()
print(clip_grad_norm(model.parameters(), 1.0))

# raises: ModuleNotFoundError: No module named 'torch._six'
