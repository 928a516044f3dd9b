# the learned positional table is created with max_len=64 while the validation documents are padded to 96 tokens, so adding positions fails once a longer batch arrives
# expect: max_len=64
# category: shape/broadcast
# made-at: 52
import random

import torch
import torch.nn as nn

random.seed(0)
torch.manual_seed(0)
PAD = 0


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=512):
        super().__init__()
        pe = torch.zeros(max_len, d_model)
        pos = torch.arange(max_len).unsqueeze(1).float()
        div = torch.exp(torch.arange(0, d_model, 2).float() * (-torch.log(torch.tensor(10000.0)) / d_model))
        pe[:, 0::2] = torch.sin(pos * div)
        pe[:, 1::2] = torch.cos(pos * div)
        self.register_buffer("pe", pe.unsqueeze(0))

    def forward(self, x):
        return x + self.pe[:, :x.size(1)]


class DocClassifier(nn.Module):
    def __init__(self, vocab=1000, d_model=64, n_classes=5, max_len=512):
        super().__init__()
        self.emb = nn.Embedding(vocab, d_model, padding_idx=PAD)
        self.pos = PositionalEncoding(d_model, max_len=max_len)
        layer = nn.TransformerEncoderLayer(d_model, 4, 128, batch_first=True)
        self.enc = nn.TransformerEncoder(layer, 2)
        self.out = nn.Linear(d_model, n_classes)

    def forward(self, ids):
        pad_mask = ids == PAD
        h = self.enc(self.pos(self.emb(ids)), src_key_padding_mask=pad_mask)
        return self.out(h[:, 0])


def make_split(n, min_len, max_len, pad_to):
    ids = torch.zeros(n, pad_to, dtype=torch.long)
    for i in range(n):
        L = random.randint(min_len, max_len)
        ids[i, :L] = torch.randint(1, 1000, (L,))
    return ids, torch.randint(0, 5, (n,))


config = dict(vocab=1000, d_model=64, n_classes=5, max_len=64)
train_ids, train_y = make_split(64, 10, 60, pad_to=64)
val_ids, val_y = make_split(32, 40, 96, pad_to=96)

model = DocClassifier(**config)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    model.train()
    for i in range(0, 64, 16):
        loss = nn.functional.cross_entropy(model(train_ids[i:i + 16]), train_y[i:i + 16])
        opt.zero_grad()
        loss.backward()
        opt.step()

    model.eval()
    with torch.no_grad():
        logits = torch.cat([model(val_ids[i:i + 16]) for i in range(0, 32, 16)])
        acc = (logits.argmax(1) == val_y).float().mean().item()
    print(f"epoch {epoch}: loss {loss.item():.3f} val acc {acc:.3f}")
