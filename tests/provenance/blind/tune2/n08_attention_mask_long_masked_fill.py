# The key-padding mask is derived arithmetically from the int64 attention_mask (1 - mask), so masked_fill receives a long mask instead of a bool one
# expect: key_padding
# also-accept: attention_mask
# category: dtype/index-not-integer
# made-at: 42
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader

PAD = 0
VOCAB = 40


def encode(sentence):
    return [1 + (ord(ch) % (VOCAB - 1)) for ch in sentence]


def collate(batch):
    ids = [torch.tensor(encode(s)) for s, _ in batch]
    width = max(len(t) for t in ids)
    input_ids = torch.full((len(ids), width), PAD)
    attention_mask = torch.zeros(len(ids), width, dtype=torch.long)
    for i, t in enumerate(ids):
        input_ids[i, : len(t)] = t
        attention_mask[i, : len(t)] = 1
    labels = torch.tensor([y for _, y in batch])
    return {"input_ids": input_ids, "attention_mask": attention_mask, "labels": labels}


class MiniSelfAttentionClassifier(nn.Module):
    def __init__(self, dim=32, n_labels=2):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, dim, padding_idx=PAD)
        self.q, self.k, self.v = nn.Linear(dim, dim), nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.cls = nn.Linear(dim, n_labels)

    def forward(self, input_ids, attention_mask):
        h = self.emb(input_ids)
        scores = self.q(h) @ self.k(h).transpose(1, 2) / math.sqrt(h.size(-1))
        key_padding = 1 - attention_mask[:, None, :]  # 1 where the key is padding
        scores = scores.masked_fill(key_padding, float("-inf"))
        ctx = scores.softmax(-1) @ self.v(h)
        return self.cls(ctx.mean(1))


data = [("good movie", 1), ("terrible", 0), ("loved every minute", 1), ("meh", 0)] * 4
loader = DataLoader(data, batch_size=4, shuffle=True, collate_fn=collate)
model = MiniSelfAttentionClassifier()
opt = torch.optim.Adam(model.parameters(), 1e-3)
for batch in loader:
    logits = model(batch["input_ids"], batch["attention_mask"])
    loss = nn.functional.cross_entropy(logits, batch["labels"])
    opt.zero_grad()
    loss.backward()
    opt.step()
print("done", loss.item())

# raises: RuntimeError: masked_fill_ only supports boolean masks, but got mask with dtype long int
