# The input on the accelerator (meta) meets a layer left on the CPU.
# expect-module: model.decoder
# category: device/tensor-mismatch
# roles: module
# message: Tensor on device (?P<device_a>[\w:]+) is not on the expected device (?P<device_b>[\w:]+)!
import torch
from torch import nn


class AutoEncoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Linear(8, 2)
        self.decoder = nn.Linear(2, 8)

    def forward(self, x):
        return self.decoder(self.encoder(x))


model = AutoEncoder()
model.encoder.to("meta")
model(torch.randn(5, 8, device="meta"))
