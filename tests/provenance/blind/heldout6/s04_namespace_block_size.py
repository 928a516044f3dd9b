# The Dataset returns the whole seq_len+1 chunk as the input (the [:-1] is missing), so positions run one past the positional table
# expect: x = chunk
# category: index/embedding
# made-at: 25
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

cfg = SimpleNamespace(vocab_size=65, seq_len=32, d_model=64, n_heads=4, n_layers=2, batch_size=16, lr=3e-4, steps=10, seed=0)
torch.manual_seed(cfg.seed)


class CharChunks(Dataset):
    def __init__(self, data, seq_len):
        self.data = data
        self.seq_len = seq_len

    def __len__(self):
        return len(self.data) - self.seq_len - 1

    def __getitem__(self, i):
        chunk = self.data[i:i + self.seq_len + 1]
        x = chunk
        y = chunk[1:]
        return x, y


class TinyLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.tok_emb = nn.Embedding(c.vocab_size, c.d_model)
        self.pos_emb = nn.Embedding(c.seq_len, c.d_model)
        layer = nn.TransformerEncoderLayer(c.d_model, c.n_heads, 4 * c.d_model, batch_first=True)
        self.blocks = nn.TransformerEncoder(layer, c.n_layers)
        self.lm_head = nn.Linear(c.d_model, c.vocab_size)

    def forward(self, idx):
        T = idx.size(1)
        pos = torch.arange(T, device=idx.device)
        h = self.tok_emb(idx) + self.pos_emb(pos)
        mask = nn.Transformer.generate_square_subsequent_mask(T)
        h = self.blocks(h, mask=mask, is_causal=True)
        return self.lm_head(h)


data = torch.randint(0, cfg.vocab_size, (5000,))
loader = DataLoader(CharChunks(data, cfg.seq_len), batch_size=cfg.batch_size, shuffle=True)
model = TinyLM(cfg)
opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)

for step, (xb, yb) in enumerate(loader):
    logits = model(xb)
    loss = nn.functional.cross_entropy(logits.reshape(-1, cfg.vocab_size), yb.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if step == cfg.steps:
        break
