# The hidden layers are kept in a plain Python list instead of nn.ModuleList, so .to(device) does not move them
# expect: self.hidden
# category: device/not-moved
# made-at: 15
import torch
import torch.nn as nn

DEVICE = "meta"  # the accelerator in production; meta here


class DeepMLP(nn.Module):
    def __init__(self, d_in, d_hidden, depth, d_out):
        super().__init__()
        self.inp = nn.Linear(d_in, d_hidden)
        self.hidden = [nn.Linear(d_hidden, d_hidden) for _ in range(depth)]
        self.out = nn.Linear(d_hidden, d_out)

    def forward(self, x):
        x = torch.relu(self.inp(x))
        for layer in self.hidden:
            x = torch.relu(layer(x)) + x
        return self.out(x)


def build(cfg):
    model = DeepMLP(cfg["d_in"], cfg["d_hidden"], cfg["depth"], cfg["d_out"])
    return model.to(cfg["device"])


cfg = {"d_in": 16, "d_hidden": 64, "depth": 3, "d_out": 1, "device": DEVICE}
model = build(cfg)
x = torch.randn(8, cfg["d_in"], device=cfg["device"])
print(model(x).shape)
