# the hidden layers are kept in a plain Python list instead of nn.ModuleList, so model.to(device) does not move them ("meta" stands in for the GPU)
# expect: self.layers
# category: device/unregistered-submodules
# made-at: 13
import torch
import torch.nn as nn


class ResidualMLP(nn.Module):
    def __init__(self, dim=32, depth=3, n_out=2):
        super().__init__()
        self.inp = nn.Linear(10, dim)
        self.layers = [nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU()) for _ in range(depth)]
        self.head = nn.Linear(dim, n_out)

    def forward(self, x):
        h = self.inp(x)
        for layer in self.layers:
            h = h + layer(h)
        return self.head(h)


device = torch.device("meta")  # stand-in for torch.device("cuda:0")
model = ResidualMLP().to(device)
print(sum(p.numel() for p in model.parameters()), "trainable parameters")
x = torch.randn(16, 10, device=device)
out = model(x)
print(out.shape)
