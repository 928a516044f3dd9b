# Sinusoidal positional-encoding table stored as a plain attribute instead of register_buffer, so model.to(device) does not move it
# expect: self.pe
# category: device/tensor-mismatch
# made-at: 21
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        pe = torch.zeros(max_len, d_model)
        pos = torch.arange(max_len).unsqueeze(1).float()
        div = torch.exp(torch.arange(0, d_model, 2).float() * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.pe = pe

    def forward(self, x):
        return x + self.pe[: x.size(1)]


class Encoder(nn.Module):
    def __init__(self, vocab=1000, d_model=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, d_model)
        self.pos = PositionalEncoding(d_model)
        self.layer = nn.TransformerEncoderLayer(d_model, 4, 64, batch_first=True)

    def forward(self, tokens):
        return self.layer(self.pos(self.emb(tokens)))


device = torch.device("meta")
enc = Encoder().to(device)
out = enc(torch.randint(0, 1000, (2, 20), device=device))

# raises: RuntimeError: Tensor on device cpu is not on the expected device meta!
