# the attention probabilities are zeroed in place after softmax, which softmax's backward still needs
# expect: attn
# also-accept: attn.masked_fill_
# category: autograd/inplace-modified
# made-at: 25
import math

import torch
import torch.nn as nn


class SelfAttention(nn.Module):
    def __init__(self, dim: int, heads: int = 4):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, dim * 3)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, pad_mask):
        b, t, d = x.shape
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = (y.view(b, t, self.heads, d // self.heads).transpose(1, 2) for y in (q, k, v))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        attn = scores.softmax(dim=-1)
        attn.masked_fill_(pad_mask[:, None, None, :], 0.0)
        out = (attn @ v).transpose(1, 2).reshape(b, t, d)
        return self.proj(out)


class TinyEncoder(nn.Module):
    def __init__(self, dim=32):
        super().__init__()
        self.attn = SelfAttention(dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 2)

    def forward(self, x, pad_mask):
        x = self.norm(x + self.attn(x, pad_mask))
        return self.head(x.mean(dim=1))


model = TinyEncoder()
x = torch.randn(4, 10, 32)
lengths = torch.tensor([10, 7, 5, 9])
pad_mask = torch.arange(10)[None, :] >= lengths[:, None]
y = torch.tensor([0, 1, 1, 0])
loss = nn.functional.cross_entropy(model(x, pad_mask), y)
loss.backward()
print(loss.item())
