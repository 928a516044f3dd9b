# The causal mask is built once for max_len positions in __init__ and passed unchanged for shorter sequences
# expect: nn.Transformer.generate_square_subsequent_mask(cfg.max_len)
# category: shape/mask
# made-at: 28
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class GPTConfig:
    vocab_size: int = 512
    max_len: int = 64
    d_model: int = 64
    n_heads: int = 4
    n_layers: int = 2


class TinyGPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab_size, cfg.d_model)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        layer = nn.TransformerEncoderLayer(cfg.d_model, cfg.n_heads, 4 * cfg.d_model, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, cfg.n_layers)
        self.lm_head = nn.Linear(cfg.d_model, cfg.vocab_size, bias=False)
        self.register_buffer("causal_mask", nn.Transformer.generate_square_subsequent_mask(cfg.max_len))

    def forward(self, idx):
        pos = torch.arange(idx.size(1))
        x = self.tok(idx) + self.pos(pos)
        x = self.blocks(x, mask=self.causal_mask)
        return self.lm_head(x)


def get_batch(data, block, bsz):
    ix = torch.randint(len(data) - block - 1, (bsz,))
    x = torch.stack([data[i : i + block] for i in ix])
    y = torch.stack([data[i + 1 : i + 1 + block] for i in ix])
    return x, y


if __name__ == "__main__":
    torch.manual_seed(0)
    cfg = GPTConfig()
    model = TinyGPT(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
    data = torch.randint(0, cfg.vocab_size, (10_000,))
    block_size = 32  # train on shorter contexts first
    for step in range(3):
        x, y = get_batch(data, block_size, 8)
        logits = model(x)
        loss = nn.functional.cross_entropy(logits.view(-1, cfg.vocab_size), y.view(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
