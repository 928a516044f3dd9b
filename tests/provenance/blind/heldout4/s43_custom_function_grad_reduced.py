# The custom Function's backward sums the gradient over the batch, so it no longer has the input's shape
# expect: grad_output.sum(0)
# also-accept: grad_input
# category: autograd/custom-function
# made-at: 20
import torch
import torch.nn as nn


class ClippedGradIdentity(torch.autograd.Function):
    """Identity forward; clips the gradient norm per feature on the way back."""

    @staticmethod
    def forward(ctx, x, max_norm):
        ctx.max_norm = max_norm
        return x.view_as(x)

    @staticmethod
    def backward(ctx, grad_output):
        grad_input = grad_output.sum(0)
        grad_input = grad_input.clamp(-ctx.max_norm, ctx.max_norm)
        return grad_input, None


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(10, 16)
        self.b = nn.Linear(16, 1)

    def forward(self, x):
        h = torch.tanh(self.a(x))
        h = ClippedGradIdentity.apply(h, 0.5)
        return self.b(h)


torch.manual_seed(0)
net = Net()
x, y = torch.randn(4, 10), torch.randn(4, 1)
loss = nn.functional.mse_loss(net(x), y)
loss.backward()
