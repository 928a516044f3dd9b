# The init helper fills parameters in place outside torch.no_grad()
# expect: m.weight.normal_(0.0, 0.02)
# also-accept: m.weight
# category: autograd/leaf-inplace
# made-at: 23
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, d_in=20, d_hidden=64, d_out=8):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.fc2 = nn.Linear(d_hidden, d_out)
        self.norm = nn.LayerNorm(d_out)

    def forward(self, x):
        return self.norm(self.fc2(torch.relu(self.fc1(x))))


def init_weights(m):
    if isinstance(m, nn.Linear):
        m.weight.normal_(0.0, 0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)


def build(cfg):
    model = Encoder(cfg["d_in"], cfg["d_hidden"], cfg["d_out"])
    model.apply(init_weights)
    return model


cfg = {"d_in": 20, "d_hidden": 64, "d_out": 8}
model = build(cfg)
print(model(torch.randn(4, 20)).shape)
