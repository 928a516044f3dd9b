# The causal mask is built once for cfg.max_len positions, but the batches are shorter, so the 2-D attn_mask has the wrong size.
# expect: self.causal_mask
# also-accept: mask, cfg.max_len, nn.Transformer.generate_square_subsequent_mask(cfg.max_len)
# category: shape/mask
# made-at: 36
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


@dataclass
class GPTConfig:
    vocab_size: int = 256
    d_model: int = 64
    n_head: int = 4
    n_layer: int = 2
    max_len: int = 128
    block_size: int = 64
    lr: float = 3e-4


class TinyGPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        layer = nn.TransformerEncoderLayer(cfg.d_model, cfg.n_head, 4 * cfg.d_model,
                                           batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, cfg.n_layer)
        self.ln = nn.LayerNorm(cfg.d_model)
        self.head = nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        mask = nn.Transformer.generate_square_subsequent_mask(cfg.max_len)
        self.register_buffer("causal_mask", mask, persistent=False)

    def forward(self, idx):
        t = idx.size(1)
        x = self.tok(idx) + self.pos(torch.arange(t))
        x = self.blocks(x, mask=self.causal_mask)
        return self.head(self.ln(x))


cfg = GPTConfig()
corpus = torch.randint(0, cfg.vocab_size, (20_000,))


def get_batch(bs=8):
    ix = torch.randint(0, corpus.numel() - cfg.block_size - 1, (bs,))
    x = torch.stack([corpus[i:i + cfg.block_size] for i in ix])
    y = torch.stack([corpus[i + 1:i + 1 + cfg.block_size] for i in ix])
    return x, y


model = TinyGPT(cfg)
opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
for it in range(50):
    x, y = get_batch()
    logits = model(x)
    loss = F.cross_entropy(logits.view(-1, cfg.vocab_size), y.view(-1))
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()
    if it % 10 == 0:
        print(it, loss.item())
