# The attention module memoises its relative-position bias (computed from a learned table) on the first forward, so the next step backpropagates through a freed graph
# expect: self._bias_cache
# also-accept: bias
# category: autograd/backward-twice
# made-at: 29
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

CONFIG = {"d_model": 32, "n_heads": 4, "max_len": 16, "vocab": 50, "batch": 8, "epochs": 3}


class RelPosSelfAttention(nn.Module):
    def __init__(self, d_model, n_heads, max_len):
        super().__init__()
        self.n_heads = n_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.rel_table = nn.Parameter(torch.zeros(2 * max_len - 1, n_heads))
        self._bias_cache = None

    def relative_bias(self, T):
        # computing the gather every step is "slow", so keep it around
        if self._bias_cache is None or self._bias_cache.shape[-1] != T:
            pos = torch.arange(T)
            rel = pos[None, :] - pos[:, None] + T - 1
            self._bias_cache = self.rel_table[rel].permute(2, 0, 1)
        return self._bias_cache

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.n_heads, C // self.n_heads).unbind(2)
        q, k, v = (t.transpose(1, 2) for t in (q, k, v))
        att = q @ k.transpose(-2, -1) / math.sqrt(k.size(-1)) + self.relative_bias(T)
        y = F.softmax(att, dim=-1) @ v
        return self.proj(y.transpose(1, 2).reshape(B, T, C))


class TinyEncoder(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok = nn.Embedding(cfg["vocab"], cfg["d_model"])
        self.attn = RelPosSelfAttention(cfg["d_model"], cfg["n_heads"], cfg["max_len"])
        self.head = nn.Linear(cfg["d_model"], 2)

    def forward(self, ids):
        h = self.tok(ids)
        h = h + self.attn(h)
        return self.head(h.mean(1))


torch.manual_seed(0)
model = TinyEncoder(CONFIG)
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
ids = torch.randint(0, CONFIG["vocab"], (64, CONFIG["max_len"]))
labels = torch.randint(0, 2, (64,))

for epoch in range(CONFIG["epochs"]):
    for i in range(0, len(ids), CONFIG["batch"]):
        logits = model(ids[i : i + CONFIG["batch"]])
        loss = F.cross_entropy(logits, labels[i : i + CONFIG["batch"]])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
