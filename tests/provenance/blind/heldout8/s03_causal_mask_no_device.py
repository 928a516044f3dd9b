# the causal mask is built inside forward() with torch.ones(T, T) and no device=, so it stays on the CPU while the scores are on the model's device
# expect: torch.ones(T, T)
# also-accept: mask
# category: device/mismatch
# made-at: 30
import math
import torch
import torch.nn as nn

torch.manual_seed(0)

# no GPU on this box; "meta" stands in for the accelerator the model normally runs on
device = torch.device("meta")


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model=64, n_heads=4):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).split(C, dim=2)
        q = q.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        k = k.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        v = v.view(B, T, self.n_heads, C // self.n_heads).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(k.size(-1))
        mask = torch.triu(torch.ones(T, T), diagonal=1).bool()
        att = att.masked_fill(mask, float("-inf"))
        att = att.softmax(dim=-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        return self.proj(y)


class TinyLM(nn.Module):
    def __init__(self, vocab=100, d_model=64, max_len=32):
        super().__init__()
        self.tok = nn.Embedding(vocab, d_model)
        self.pos = nn.Embedding(max_len, d_model)
        self.attn = CausalSelfAttention(d_model)
        self.head = nn.Linear(d_model, vocab)

    def forward(self, idx):
        T = idx.size(1)
        pos = torch.arange(T, device=idx.device)
        h = self.tok(idx) + self.pos(pos)
        h = h + self.attn(h)
        return self.head(h)


model = TinyLM().to(device)
tokens = torch.randint(0, 100, (2, 16), device=device)
logits = model(tokens)
print(logits.shape)
