# The model config sets 12 attention heads for a hidden size of 512, which 12 does not divide, so the head reshape fails
# expect: num_attention_heads=12
# category: config/heads
# made-at: 75
import math

import torch
import torch.nn as nn


class EncoderConfig:
    def __init__(self, vocab_size=8000, hidden_size=768, num_attention_heads=12, num_hidden_layers=2,
                 intermediate_size=3072, max_position_embeddings=512, hidden_dropout_prob=0.1):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_attention_heads = num_attention_heads
        self.num_hidden_layers = num_hidden_layers
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.hidden_dropout_prob = hidden_dropout_prob


class SelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.num_heads = config.num_attention_heads
        self.head_dim = config.hidden_size // config.num_attention_heads
        self.qkv = nn.Linear(config.hidden_size, 3 * config.hidden_size)
        self.out = nn.Linear(config.hidden_size, config.hidden_size)

    def split_heads(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.num_heads, self.head_dim).transpose(1, 2)

    def forward(self, x):
        q, k, v = self.qkv(x).chunk(3, dim=-1)
        q, k, v = self.split_heads(q), self.split_heads(k), self.split_heads(v)
        att = (q @ k.transpose(-1, -2)) / math.sqrt(self.head_dim)
        ctx = att.softmax(-1) @ v
        return self.out(ctx.transpose(1, 2).reshape(x.shape))


class Layer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attn = SelfAttention(config)
        self.ln1 = nn.LayerNorm(config.hidden_size)
        self.ff = nn.Sequential(nn.Linear(config.hidden_size, config.intermediate_size), nn.GELU(),
                                nn.Linear(config.intermediate_size, config.hidden_size))
        self.ln2 = nn.LayerNorm(config.hidden_size)

    def forward(self, x):
        x = self.ln1(x + self.attn(x))
        return self.ln2(x + self.ff(x))


class TinyEncoder(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.tok = nn.Embedding(config.vocab_size, config.hidden_size)
        self.pos = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.layers = nn.ModuleList(Layer(config) for _ in range(config.num_hidden_layers))

    def forward(self, input_ids):
        pos = torch.arange(input_ids.size(1)).unsqueeze(0)
        h = self.tok(input_ids) + self.pos(pos)
        for layer in self.layers:
            h = layer(h)
        return h


config = EncoderConfig(
    vocab_size=8000,
    hidden_size=512,
    num_attention_heads=12,
    num_hidden_layers=2,
    intermediate_size=2048,
)
torch.manual_seed(0)
model = TinyEncoder(config)
ids = torch.randint(0, config.vocab_size, (2, 16))
print(model(ids).shape)
