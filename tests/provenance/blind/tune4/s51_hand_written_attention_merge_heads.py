# The heads are merged with .view() right after .transpose(), on a tensor that is no longer contiguous
# expect: out.transpose(1, 2).view(B, T, C)
# also-accept: view
# category: shape/view-stride
# made-at: 39
import math
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class GPTConfig:
    vocab_size: int = 256
    n_embd: int = 64
    n_head: int = 4
    block_size: int = 32


class SelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.n_head = config.n_head
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)
        mask = torch.tril(torch.ones(config.block_size, config.block_size))
        self.register_buffer("bias", mask.view(1, 1, config.block_size, config.block_size))

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(C, dim=2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(k.size(-1))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf")).softmax(-1)
        out = att @ v
        out = out.transpose(1, 2).view(B, T, C)
        return self.c_proj(out)


class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln = nn.LayerNorm(config.n_embd)
        self.attn = SelfAttention(config)

    def forward(self, x):
        return x + self.attn(self.ln(x))


config = GPTConfig()
emb = nn.Embedding(config.vocab_size, config.n_embd)
block = Block(config)
ids = torch.randint(0, config.vocab_size, (2, 16))
print(block(emb(ids)).shape)
