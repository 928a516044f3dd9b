# the padding-mask helper builds a (time, batch) mask, but the batch-first attention wants (batch, time)
# expect: torch.arange(max_len)[:, None] >= lengths[None, :]
# category: mask/attention
# made-at: 22
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class EncoderConfig:
    vocab: int = 500
    d_model: int = 64
    n_heads: int = 4
    n_classes: int = 3
    max_len: int = 48
    batch_size: int = 12


def make_padding_mask(lengths, max_len):
    return torch.arange(max_len)[:, None] >= lengths[None, :]


class AttnPoolClassifier(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok = nn.Embedding(cfg.vocab, cfg.d_model, padding_idx=0)
        self.pos = nn.Embedding(cfg.max_len, cfg.d_model)
        self.attn = nn.MultiheadAttention(cfg.d_model, cfg.n_heads, batch_first=True)
        self.norm = nn.LayerNorm(cfg.d_model)
        self.head = nn.Linear(cfg.d_model, cfg.n_classes)

    def forward(self, tokens, pad_mask):
        pos = torch.arange(tokens.shape[1])
        h = self.tok(tokens) + self.pos(pos)[None]
        a, _ = self.attn(h, h, h, key_padding_mask=pad_mask)
        h = self.norm(h + a)
        keep = (~pad_mask).unsqueeze(-1).float()
        return self.head((h * keep).sum(1) / keep.sum(1))


def synthetic_batch(cfg, g):
    lengths = torch.randint(8, cfg.max_len + 1, (cfg.batch_size,), generator=g)
    tokens = torch.randint(1, cfg.vocab, (cfg.batch_size, cfg.max_len), generator=g)
    tokens[torch.arange(cfg.max_len)[None, :] >= lengths[:, None]] = 0
    labels = tokens[:, 0] % cfg.n_classes
    return tokens, lengths, labels


def main():
    cfg = EncoderConfig()
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    model = AttnPoolClassifier(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for step in range(30):
        tokens, lengths, labels = synthetic_batch(cfg, g)
        mask = make_padding_mask(lengths, cfg.max_len)
        loss = nn.functional.cross_entropy(model(tokens, mask), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 10 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
