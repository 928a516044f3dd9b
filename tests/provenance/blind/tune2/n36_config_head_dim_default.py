# The attention config keeps head_dim's default of 64 while hidden_size=96 with 4 heads needs 24, so the q/k/v view is impossible
# expect: config.head_dim
# also-accept: self.head_dim
# category: shape/invalid-view
# made-at: 17
from dataclasses import dataclass, field

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class ModelArgs:
    dim: int = 96
    n_heads: int = 4
    head_dim: int = 64
    n_layers: int = 2
    vocab_size: int = 256
    norm_eps: float = 1e-5
    extra: dict = field(default_factory=dict)


class Attention(nn.Module):
    def __init__(self, config: ModelArgs):
        super().__init__()
        self.n_heads, self.head_dim = config.n_heads, config.head_dim
        self.wqkv = nn.Linear(config.dim, 3 * config.dim, bias=False)
        self.wo = nn.Linear(config.dim, config.dim, bias=False)

    def forward(self, x):
        B, T, _ = x.shape
        q, k, v = self.wqkv(x).chunk(3, dim=-1)
        q = q.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        k = k.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        v = v.view(B, T, self.n_heads, self.head_dim).transpose(1, 2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.wo(y.transpose(1, 2).reshape(B, T, -1))


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.norm = nn.RMSNorm(config.dim, eps=config.norm_eps)
        self.attn = Attention(config)

    def forward(self, x):
        return x + self.attn(self.norm(x))


class Transformer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.tok = nn.Embedding(config.vocab_size, config.dim)
        self.layers = nn.ModuleList(Block(config) for _ in range(config.n_layers))
        self.out = nn.Linear(config.dim, config.vocab_size, bias=False)

    def forward(self, ids):
        h = self.tok(ids)
        for layer in self.layers:
            h = layer(h)
        return self.out(h)


config = ModelArgs(dim=96, n_heads=4)
model = Transformer(config)
ids = torch.randint(0, config.vocab_size, (2, 10))
loss = F.cross_entropy(model(ids[:, :-1]).flatten(0, 1), ids[:, 1:].flatten())
loss.backward()

# raises: RuntimeError: shape '[2, 9, 4, 64]' is invalid for input of size 1728
