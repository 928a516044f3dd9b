# the positional table is stored as a plain tensor attribute instead of register_buffer, so model.to(DEVICE) leaves it behind on the CPU
# expect: self.pe
# also-accept: pe
# category: device/tensor-mismatch
# made-at: 26
import math

import torch
import torch.nn as nn

DEVICE = torch.device("meta")  # "cuda" on the training box


def sinusoidal_table(max_len, dim):
    pos = torch.arange(max_len).unsqueeze(1)
    div = torch.exp(torch.arange(0, dim, 2) * (-math.log(10000.0) / dim))
    table = torch.zeros(max_len, dim)
    table[:, 0::2] = torch.sin(pos * div)
    table[:, 1::2] = torch.cos(pos * div)
    return table


class PositionalEncoding(nn.Module):
    def __init__(self, dim, max_len=512):
        super().__init__()
        self.pe = sinusoidal_table(max_len, dim)

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class Encoder(nn.Module):
    def __init__(self, vocab=1000, dim=64, heads=4, layers=2):
        super().__init__()
        self.tok = nn.Embedding(vocab, dim)
        self.pos = PositionalEncoding(dim)
        layer = nn.TransformerEncoderLayer(dim, heads, dim * 4, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.head = nn.Linear(dim, 2)

    def forward(self, ids):
        h = self.encoder(self.pos(self.tok(ids)))
        return self.head(h[:, 0])


model = Encoder().to(DEVICE)
ids = torch.randint(0, 1000, (4, 32), device=DEVICE)
labels = torch.randint(0, 2, (4,), device=DEVICE)
loss = nn.functional.cross_entropy(model(ids), labels)
loss.backward()
