# The model width (100) is not divisible by the number of attention heads (8)
# expect: d_model: int = 100
# also-accept: n_heads: int = 8, cfg.d_model
# category: config/value
# made-at: 15
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class SeqConfig:
    vocab: int = 1000
    d_model: int = 100
    n_heads: int = 8
    n_layers: int = 2
    max_len: int = 64


class SeqModel(nn.Module):
    def __init__(self, cfg: SeqConfig):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab, cfg.d_model)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        layer = nn.TransformerEncoderLayer(cfg.d_model, cfg.n_heads, 4 * cfg.d_model, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, cfg.n_layers)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab)

    def forward(self, ids):
        pos = torch.arange(ids.size(1))
        return self.lm_head(self.encoder(self.tok(ids) + self.pos(pos)))


model = SeqModel(SeqConfig())
print(model(torch.randint(0, 1000, (2, 16))).shape)
