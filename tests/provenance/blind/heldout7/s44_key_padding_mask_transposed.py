# the padding mask is computed from the sequence-first token tensor, so key_padding_mask is (seq, batch) instead of (batch, seq)
# expect: src_key_padding_mask = tokens == PAD
# category: shape/mask
# made-at: 56
import math
import random

import torch
import torch.nn as nn

random.seed(0)
torch.manual_seed(0)
PAD, VOCAB, D_MODEL = 0, 100, 64


class SentimentTransformer(nn.Module):
    def __init__(self, vocab=VOCAB, d_model=D_MODEL, nhead=4, layers=2, n_classes=2):
        super().__init__()
        self.embed = nn.Embedding(vocab, d_model, padding_idx=PAD)
        self.pos = nn.Parameter(torch.randn(256, 1, d_model) * 0.02)
        layer = nn.TransformerEncoderLayer(d_model, nhead, dim_feedforward=128, dropout=0.1)
        self.encoder = nn.TransformerEncoder(layer, layers)
        self.cls = nn.Linear(d_model, n_classes)

    def forward(self, tokens, src_key_padding_mask):
        # tokens: (seq_len, batch) -- default seq-first layout of nn.Transformer
        x = self.embed(tokens) * math.sqrt(D_MODEL) + self.pos[:tokens.size(0)]
        h = self.encoder(x, src_key_padding_mask=src_key_padding_mask)
        keep = (~src_key_padding_mask).T.unsqueeze(-1).float()
        pooled = (h * keep).sum(0) / keep.sum(0)
        return self.cls(pooled)


def collate(batch):
    lengths = [len(s) for s, _ in batch]
    max_len = max(lengths)
    tokens = torch.full((max_len, len(batch)), PAD, dtype=torch.long)
    for j, (s, _) in enumerate(batch):
        tokens[:len(s), j] = torch.tensor(s)
    labels = torch.tensor([y for _, y in batch])
    return tokens, labels


data = []
for _ in range(200):
    n = random.randint(5, 30)
    y = random.randint(0, 1)
    data.append(([random.randint(1 + 50 * y, 49 + 50 * y) for _ in range(n)], y))

model = SentimentTransformer()
opt = torch.optim.AdamW(model.parameters(), lr=5e-4)
for epoch in range(2):
    random.shuffle(data)
    for i in range(0, len(data), 16):
        tokens, labels = collate(data[i:i + 16])
        src_key_padding_mask = tokens == PAD
        logits = model(tokens, src_key_padding_mask)
        loss = nn.functional.cross_entropy(logits, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: {loss.item():.3f}")
