# The KV cache appends the new keys along dim=1 (the heads axis of [B, H, T, D]) instead of dim=2 (time), so the first cached generation step cannot concatenate
# expect: torch.cat
# also-accept: torch.cat([past_k, k], dim=1), k
# category: shape/concat-mismatch
# made-at: 34
import math
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class GPTConfig:
    vocab_size: int = 64
    n_embd: int = 32
    n_head: int = 4
    n_positions: int = 32


class CausalSelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n_head = cfg.n_head
        self.c_attn = nn.Linear(cfg.n_embd, 3 * cfg.n_embd)
        self.c_proj = nn.Linear(cfg.n_embd, cfg.n_embd)

    def forward(self, x, layer_past=None):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, C // self.n_head).transpose(1, 2) for t in (q, k, v))
        if layer_past is not None:
            past_k, past_v = layer_past
            k = torch.cat([past_k, k], dim=1)
            v = torch.cat([past_v, v], dim=1)
        att = (q @ k.transpose(-2, -1)) / math.sqrt(k.size(-1))
        if layer_past is None:
            att = att.masked_fill(torch.ones(T, T).triu(1).bool(), float("-inf"))
        y = att.softmax(-1) @ v
        return self.c_proj(y.transpose(1, 2).reshape(B, T, C)), (k, v)


class TinyGPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.n_positions, cfg.n_embd)
        self.attn = CausalSelfAttention(cfg)
        self.lm_head = nn.Linear(cfg.n_embd, cfg.vocab_size, bias=False)

    def forward(self, ids, past=None, offset=0):
        pos = torch.arange(offset, offset + ids.size(1))
        h = self.wte(ids) + self.wpe(pos)
        a, present = self.attn(h, past)
        return self.lm_head(h + a), present


@torch.no_grad()
def generate(model, prompt, max_new_tokens=5):
    logits, past = model(prompt)
    ids = prompt
    for _ in range(max_new_tokens):
        next_id = logits[:, -1].argmax(-1, keepdim=True)
        ids = torch.cat([ids, next_id], dim=1)
        logits, past = model(next_id, past, offset=ids.size(1) - 1)
    return ids


torch.manual_seed(0)
model = TinyGPT(GPTConfig()).eval()
print(generate(model, torch.randint(0, 64, (1, 6))))

# raises: RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 6 but got size 1 for tensor number 1 in the list.
