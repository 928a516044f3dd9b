# The padding mask is turned into an additive mask without adding the head and query axes, so it cannot broadcast against (batch, heads, query, key) scores
# expect: (1.0 - attention_mask) * -10000.0
# category: shape/broadcast
# made-at: 50
import math

import torch
import torch.nn as nn


class Config:
    vocab_size = 1000
    hidden_size = 64
    num_heads = 4
    num_layers = 2
    pad_token_id = 0


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.h = cfg.num_heads
        self.d = cfg.hidden_size // cfg.num_heads
        self.q = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.k = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.v = nn.Linear(cfg.hidden_size, cfg.hidden_size)
        self.o = nn.Linear(cfg.hidden_size, cfg.hidden_size)

    def shape(self, x):
        return x.view(x.size(0), x.size(1), self.h, self.d).transpose(1, 2)

    def forward(self, x, extended_mask):
        q, k, v = self.shape(self.q(x)), self.shape(self.k(x)), self.shape(self.v(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.d)
        scores = scores + extended_mask
        ctx = scores.softmax(-1) @ v
        return self.o(ctx.transpose(1, 2).reshape(x.shape))


class Model(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.emb = nn.Embedding(cfg.vocab_size, cfg.hidden_size, padding_idx=cfg.pad_token_id)
        self.layers = nn.ModuleList(Attention(cfg) for _ in range(cfg.num_layers))
        self.norm = nn.LayerNorm(cfg.hidden_size)
        self.classifier = nn.Linear(cfg.hidden_size, 2)

    def get_extended_attention_mask(self, attention_mask):
        attention_mask = attention_mask.to(torch.float32)
        return (1.0 - attention_mask) * -10000.0

    def forward(self, input_ids, attention_mask):
        ext = self.get_extended_attention_mask(attention_mask)
        h = self.emb(input_ids)
        for layer in self.layers:
            h = self.norm(h + layer(h, ext))
        return self.classifier(h[:, 0])


def collate(seqs, pad_id=0):
    max_len = max(len(s) for s in seqs)
    ids = torch.full((len(seqs), max_len), pad_id)
    mask = torch.zeros(len(seqs), max_len, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
        mask[i, : len(s)] = 1
    return ids, mask


torch.manual_seed(0)
seqs = [torch.randint(1, 1000, (n,)).tolist() for n in (12, 7, 16, 9)]
ids, mask = collate(seqs)
model = Model(Config())
logits = model(ids, mask)
print(logits.shape)
