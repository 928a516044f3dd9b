# The custom Function's backward returns two gradients for a forward that takes three inputs (the eps float needs a None)
# expect: return grad_x, grad_w
# category: autograd/custom-function
# made-at: 23
import torch
import torch.nn as nn


class RMSNormFn(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, weight, eps):
        rms = torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps)
        xhat = x * rms
        ctx.save_for_backward(xhat, weight, rms)
        return xhat * weight

    @staticmethod
    def backward(ctx, grad_out):
        xhat, weight, rms = ctx.saved_tensors
        grad_w = (grad_out * xhat).reshape(-1, xhat.size(-1)).sum(0)
        g = grad_out * weight
        grad_x = rms * (g - xhat * (g * xhat).mean(-1, keepdim=True))
        return grad_x, grad_w


class RMSNorm(nn.Module):
    def __init__(self, dim, eps=1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))
        self.eps = eps

    def forward(self, x):
        return RMSNormFn.apply(x, self.weight, self.eps)


class Block(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.norm = RMSNorm(dim)
        self.ff = nn.Sequential(nn.Linear(dim, 4 * dim), nn.GELU(), nn.Linear(4 * dim, dim))

    def forward(self, x):
        return x + self.ff(self.norm(x))


torch.manual_seed(0)
model = nn.Sequential(Block(32), Block(32), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(8, 10, 32)
y = torch.randn(8, 10, 1)
loss = nn.functional.mse_loss(model(x), y)
opt.zero_grad()
loss.backward()
opt.step()
