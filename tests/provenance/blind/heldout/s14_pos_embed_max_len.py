# Learned positional embedding sized by cfg.max_len=64 but the batch holds 80-token sequences
# expect: self.pos_embed
# also-accept: cfg.max_len
# category: shape/broadcast-mismatch
# made-at: 19
from types import SimpleNamespace

import torch
import torch.nn as nn

torch.manual_seed(0)
cfg = SimpleNamespace(vocab=500, d_model=32, n_heads=4, n_layers=2, max_len=64, n_classes=2)


class TextTransformer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_embed = nn.Embedding(cfg.vocab, cfg.d_model)
        self.pos_embed = nn.Parameter(torch.zeros(1, cfg.max_len, cfg.d_model))
        layer = nn.TransformerEncoderLayer(cfg.d_model, cfg.n_heads, dim_feedforward=64, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, cfg.n_layers)
        self.cls = nn.Linear(cfg.d_model, cfg.n_classes)

    def forward(self, tokens):
        h = self.tok_embed(tokens) + self.pos_embed
        h = self.encoder(h)
        return self.cls(h.mean(dim=1))


def batches():
    for seq_len in (64, 64, 80):
        yield torch.randint(0, cfg.vocab, (4, seq_len)), torch.randint(0, cfg.n_classes, (4,))


model = TextTransformer(cfg)
opt = torch.optim.Adam(model.parameters(), lr=1e-4)
for tokens, labels in batches():
    loss = nn.functional.cross_entropy(model(tokens), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

# raises: RuntimeError: The size of tensor a (80) must match the size of tensor b (64) at non-singleton dimension 1
