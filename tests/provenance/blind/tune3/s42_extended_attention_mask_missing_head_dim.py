# the extended attention mask gets only one new axis (batch, 1, seq) instead of (batch, 1, 1, seq), so it broadcasts against the head axis
# expect: extended_mask
# also-accept: attention_mask
# category: shape/attention-mask
# made-at: 47
import math

import torch
import torch.nn as nn


class Config:
    vocab_size = 500
    hidden_size = 32
    num_attention_heads = 2
    num_labels = 2


class SelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.h = config.num_attention_heads
        self.d = config.hidden_size // self.h
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.h, self.d).permute(0, 2, 1, 3)

    def forward(self, hidden, extended_mask):
        q, k, v = self.split(self.query(hidden)), self.split(self.key(hidden)), self.split(self.value(hidden))
        scores = q @ k.transpose(-1, -2) / math.sqrt(self.d) + extended_mask
        ctx = scores.softmax(-1) @ v
        return ctx.permute(0, 2, 1, 3).reshape(hidden.shape)


class MiniBert(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.attention = SelfAttention(config)
        self.pooler = nn.Linear(config.hidden_size, config.num_labels)

    def get_extended_attention_mask(self, attention_mask):
        extended_mask = attention_mask[:, None, :].float()
        return (1.0 - extended_mask) * torch.finfo(torch.float32).min

    def forward(self, input_ids, attention_mask):
        hidden = self.embeddings(input_ids)
        hidden = self.attention(hidden, self.get_extended_attention_mask(attention_mask))
        return self.pooler(hidden[:, 0])


input_ids = torch.randint(1, 500, (4, 10))
attention_mask = torch.ones(4, 10, dtype=torch.long)
attention_mask[2:, 7:] = 0
model = MiniBert(Config())
print(model(input_ids, attention_mask).shape)
