# the (batch, seq) padding mask is applied to (batch, heads, seq, seq) scores without mask[:, None, None, :]
# expect: mask
# also-accept: attention_mask
# category: shape/broadcast-mismatch
# made-at: 50
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

PAD = 0
hparams = dict(vocab=100, dim=32, heads=2, max_len=8, batch_size=4, n_classes=3)


class SelfAttention(nn.Module):
    def __init__(self, dim, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x, mask):
        B, T, D = x.shape
        q, k, v = self.qkv(x).view(B, T, 3, self.heads, D // self.heads).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(D // self.heads)
        scores = scores.masked_fill(mask == 0, float("-inf"))
        out = scores.softmax(-1) @ v
        return self.proj(out.transpose(1, 2).reshape(B, T, D))


class TextClassifier(nn.Module):
    def __init__(self, vocab, dim, heads, n_classes, **_):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.attn = SelfAttention(dim, heads)
        self.cls = nn.Linear(dim, n_classes)

    def forward(self, ids, attention_mask):
        h = self.attn(self.embed(ids), attention_mask)
        lengths = attention_mask.sum(1, keepdim=True).clamp(min=1)
        return self.cls((h * attention_mask.unsqueeze(-1)).sum(1) / lengths)


def collate(batch):
    seqs, labels = zip(*batch)
    ids = torch.full((len(seqs), hparams["max_len"]), PAD, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s[: hparams["max_len"]])
    mask = (ids != PAD).long()
    return ids, mask, torch.tensor(labels)


g = torch.Generator().manual_seed(0)
samples = []
for _ in range(20):
    n = int(torch.randint(3, 9, (1,), generator=g))
    samples.append((torch.randint(1, 100, (n,), generator=g).tolist(), int(torch.randint(0, 3, (1,), generator=g))))

loader = DataLoader(samples, batch_size=hparams["batch_size"], shuffle=True, collate_fn=collate)
model = TextClassifier(**hparams)
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
for ids, mask, labels in loader:
    logits = model(ids, mask)
    loss = nn.functional.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
