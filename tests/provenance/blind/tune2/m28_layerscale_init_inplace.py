# reset_parameters fills the LayerScale parameter in place without torch.no_grad(), an in-place op on a leaf that requires grad
# expect: self.gamma
# also-accept: self.gamma.fill_(self.init_value)
# category: autograd/leaf-inplace
# made-at: 28
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class BlockConfig:
    dim: int = 32
    mlp_ratio: int = 4
    layerscale_init: float = 1e-4
    depth: int = 3


class LayerScale(nn.Module):
    def __init__(self, dim, init_value):
        super().__init__()
        self.init_value = init_value
        self.gamma = nn.Parameter(torch.empty(dim))
        self.reset_parameters()

    def reset_parameters(self):
        self.gamma.fill_(self.init_value)

    def forward(self, x):
        return x * self.gamma


class MLPBlock(nn.Module):
    def __init__(self, cfg: BlockConfig):
        super().__init__()
        self.norm = nn.LayerNorm(cfg.dim)
        self.mlp = nn.Sequential(
            nn.Linear(cfg.dim, cfg.dim * cfg.mlp_ratio), nn.GELU(), nn.Linear(cfg.dim * cfg.mlp_ratio, cfg.dim)
        )
        self.ls = LayerScale(cfg.dim, cfg.layerscale_init)

    def forward(self, x):
        return x + self.ls(self.mlp(self.norm(x)))


class Mixer(nn.Module):
    def __init__(self, cfg: BlockConfig, n_classes=4):
        super().__init__()
        self.blocks = nn.Sequential(*[MLPBlock(cfg) for _ in range(cfg.depth)])
        self.head = nn.Linear(cfg.dim, n_classes)

    def forward(self, x):
        return self.head(self.blocks(x).mean(1))


cfg = BlockConfig()
model = Mixer(cfg)
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
x, y = torch.randn(8, 10, cfg.dim), torch.randint(0, 4, (8,))
for step in range(3):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
