# the second LayerNorm is sized with the feed-forward width instead of d_model
# expect: self.norm2
# also-accept: cfg.ffn_dim
# category: shape/layernorm-normalized-shape
# made-at: 25
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class BlockConfig:
    d_model: int = 64
    ffn_dim: int = 256
    n_heads: int = 4
    dropout: float = 0.1


class PreNormBlock(nn.Module):
    def __init__(self, cfg: BlockConfig):
        super().__init__()
        self.norm1 = nn.LayerNorm(cfg.d_model)
        self.attn = nn.MultiheadAttention(cfg.d_model, cfg.n_heads, dropout=cfg.dropout, batch_first=True)
        self.norm2 = nn.LayerNorm(cfg.ffn_dim)
        self.ffn = nn.Sequential(
            nn.Linear(cfg.d_model, cfg.ffn_dim), nn.GELU(), nn.Linear(cfg.ffn_dim, cfg.d_model)
        )
        self.drop = nn.Dropout(cfg.dropout)

    def forward(self, x):
        h = self.norm1(x)
        x = x + self.drop(self.attn(h, h, h, need_weights=False)[0])
        return x + self.drop(self.ffn(self.norm2(x)))


cfg = BlockConfig()
blocks = nn.ModuleList(PreNormBlock(cfg) for _ in range(2))
x = torch.randn(2, 16, cfg.d_model)
for blk in blocks:
    x = blk(x)
print(x.shape)
