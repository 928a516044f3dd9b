# The straight-through rounding Function is instantiated and called like a module instead of through .apply
# expect: RoundSTE()
# also-accept: self.quant
# category: autograd/custom-function
# made-at: 24
import torch
import torch.nn as nn


class RoundSTE(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return torch.round(x)

    @staticmethod
    def backward(ctx, grad):
        return grad


class QuantLinear(nn.Linear):
    def __init__(self, d_in, d_out, bits=4):
        super().__init__(d_in, d_out)
        self.levels = 2 ** (bits - 1) - 1
        self.quant = RoundSTE()

    def forward(self, x):
        scale = self.weight.abs().max() / self.levels
        w_q = self.quant(self.weight / scale) * scale
        return nn.functional.linear(x, w_q, self.bias)


model = nn.Sequential(QuantLinear(8, 16), nn.ReLU(), QuantLinear(16, 2))
x = torch.randn(4, 8)
loss = model(x).pow(2).mean()
loss.backward()
