# The custom Function's forward takes (x, threshold) but backward returns a single gradient
# expect: return grad_x
# also-accept: grad_x
# category: autograd/custom-function
# made-at: 21
import torch
import torch.nn as nn


class SoftThreshold(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, threshold):
        ctx.save_for_backward(x)
        ctx.threshold = threshold
        return torch.sign(x) * torch.clamp(x.abs() - threshold, min=0)

    @staticmethod
    def backward(ctx, grad_out):
        (x,) = ctx.saved_tensors
        grad_x = grad_out * (x.abs() > ctx.threshold).to(grad_out.dtype)
        return grad_x


class SparseCoder(nn.Module):
    def __init__(self, d_in=32, d_code=64, threshold=0.1):
        super().__init__()
        self.enc = nn.Linear(d_in, d_code)
        self.dec = nn.Linear(d_code, d_in)
        self.threshold = threshold

    def forward(self, x):
        code = SoftThreshold.apply(self.enc(x), self.threshold)
        return self.dec(code), code


torch.manual_seed(0)
model = SparseCoder()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(16, 32)
recon, code = model(x)
loss = nn.functional.mse_loss(recon, x) + 1e-3 * code.abs().mean()
opt.zero_grad()
loss.backward()
opt.step()
