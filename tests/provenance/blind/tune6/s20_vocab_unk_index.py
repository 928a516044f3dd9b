# The encoder maps unseen words to len(vocab), one past the embedding table built from the training vocabulary, so validation text indexes out of range
# expect: vocab.get(w, len(vocab))
# also-accept: nn.Embedding(vocab_size, 64, padding_idx=0), vocab_size = len(vocab)
# category: index/embedding
# made-at: 32
import random

import torch
import torch.nn as nn

random.seed(0)
torch.manual_seed(0)

WORDS = [f"w{i}" for i in range(300)]
train_texts = [" ".join(random.choice(WORDS[:200]) for _ in range(random.randint(5, 15))) for _ in range(400)]
val_texts = [" ".join(random.choice(WORDS) for _ in range(random.randint(5, 15))) for _ in range(100)]
train_labels = torch.tensor([len(t) % 2 for t in train_texts])
val_labels = torch.tensor([len(t) % 2 for t in val_texts])


def build_vocab(texts):
    vocab = {"<pad>": 0}
    for t in texts:
        for w in t.split():
            vocab.setdefault(w, len(vocab))
    return vocab


def encode(texts, vocab, max_len=16):
    out = torch.zeros(len(texts), max_len, dtype=torch.long)
    for i, t in enumerate(texts):
        ids = [vocab.get(w, len(vocab)) for w in t.split()][:max_len]
        out[i, :len(ids)] = torch.tensor(ids)
    return out


class BagClassifier(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, 64, padding_idx=0)
        self.fc = nn.Linear(64, 2)

    def forward(self, ids):
        mask = (ids != 0).unsqueeze(-1).float()
        h = (self.emb(ids) * mask).sum(1) / mask.sum(1).clamp(min=1)
        return self.fc(h)


vocab = build_vocab(train_texts)
vocab_size = len(vocab)
x_train, x_val = encode(train_texts, vocab), encode(val_texts, vocab)
model = BagClassifier(vocab_size)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    model.train()
    for i in range(0, len(x_train), 32):
        loss = nn.functional.cross_entropy(model(x_train[i:i + 32]), train_labels[i:i + 32])
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(x_val).argmax(-1) == val_labels).float().mean().item()
    print(epoch, acc)
