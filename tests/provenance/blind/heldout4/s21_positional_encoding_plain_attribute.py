# The positional-encoding table is stored as a plain tensor attribute, not a registered buffer, so .to(device) leaves it behind
# expect: self.pe
# category: device/not-moved
# made-at: 21
import math

import torch
import torch.nn as nn

DEVICE = torch.device("meta")  # stand-in for the accelerator


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        pos = torch.arange(max_len).unsqueeze(1)
        div = torch.exp(torch.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = torch.zeros(max_len, d_model)
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.pe = pe

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class TinyEncoder(nn.Module):
    def __init__(self, vocab=100, d_model=32):
        super().__init__()
        self.tok = nn.Embedding(vocab, d_model)
        self.pos = PositionalEncoding(d_model)
        self.layer = nn.TransformerEncoderLayer(d_model, 4, 64, batch_first=True)

    def forward(self, ids):
        return self.layer(self.pos(self.tok(ids)))


model = TinyEncoder().to(DEVICE)
ids = torch.randint(0, 100, (2, 10), device=DEVICE)
out = model(ids)
print(out.shape)
