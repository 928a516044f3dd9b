# nn.MultiheadAttention is built without batch_first=True but gets (batch, seq, dim) inputs, so it reads the batch as the sequence and the key_padding_mask shape no longer matches
# expect: nn.MultiheadAttention(d_model, n_heads, dropout=dropout)
# category: shape/batch-first
# made-at: 44
"""Text classifier with a hand-written pre-norm transformer block."""
import math

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
PAD = 0


class ToySentiment(Dataset):
    def __init__(self, n, vocab=300, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.seqs, self.labels = [], []
        for _ in range(n):
            length = int(torch.randint(5, 30, (1,), generator=g))
            seq = torch.randint(1, vocab, (length,), generator=g)
            self.seqs.append(seq)
            self.labels.append(int((seq < vocab // 2).float().mean() > 0.5))

    def __len__(self):
        return len(self.seqs)

    def __getitem__(self, i):
        return self.seqs[i], self.labels[i]


def collate(batch):
    seqs, labels = zip(*batch)
    ids = pad_sequence(seqs, batch_first=True, padding_value=PAD)
    return ids, ids.eq(PAD), torch.tensor(labels)


class Block(nn.Module):
    def __init__(self, d_model, n_heads, d_ff, dropout=0.1):
        super().__init__()
        self.ln1 = nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, dropout=dropout)
        self.ln2 = nn.LayerNorm(d_model)
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, pad_mask):
        h = self.ln1(x)
        attn_out, _ = self.attn(h, h, h, key_padding_mask=pad_mask, need_weights=False)
        x = x + self.drop(attn_out)
        return x + self.drop(self.ff(self.ln2(x)))


class Classifier(nn.Module):
    def __init__(self, vocab=300, d_model=64, n_heads=4, n_layers=2, max_len=64, n_classes=2):
        super().__init__()
        self.tok = nn.Embedding(vocab, d_model, padding_idx=PAD)
        self.pos = nn.Embedding(max_len, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_heads, 4 * d_model) for _ in range(n_layers))
        self.norm = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, n_classes)

    def forward(self, ids, pad_mask):
        pos = torch.arange(ids.size(1), device=ids.device)
        x = self.tok(ids) * math.sqrt(self.tok.embedding_dim) + self.pos(pos)
        for blk in self.blocks:
            x = blk(x, pad_mask)
        x = self.norm(x).masked_fill(pad_mask.unsqueeze(-1), 0.0)
        pooled = x.sum(1) / (~pad_mask).sum(1, keepdim=True)
        return self.head(pooled)


loader = DataLoader(ToySentiment(800), batch_size=32, shuffle=True, collate_fn=collate)
model = Classifier()
opt = torch.optim.AdamW(model.parameters(), lr=3e-4)
for epoch in range(3):
    for ids, pad_mask, y in loader:
        loss = nn.functional.cross_entropy(model(ids, pad_mask), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
