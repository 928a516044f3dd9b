# unknown words map to UNK_ID = len(vocab), but the embedding has only len(vocab) rows, so validation text with unseen words indexes past it
# expect: UNK_ID
# also-accept: self.embedding, len(vocab)
# category: index/embedding-out-of-range
# made-at: 24
from collections import Counter

import torch
import torch.nn as nn

train_texts = ["the movie was great", "the plot was bad", "great acting", "bad movie", "the acting was great"]
train_labels = [1, 0, 1, 0, 1]
val_texts = ["the soundtrack was great", "terrible plot"]
val_labels = [1, 0]


def build_vocab(texts, min_freq=1):
    counts = Counter(w for t in texts for w in t.split())
    words = sorted(w for w, c in counts.items() if c >= min_freq)
    return {w: i for i, w in enumerate(words)}


vocab = build_vocab(train_texts)
UNK_ID = len(vocab)


def encode(text):
    return torch.tensor([vocab.get(w, UNK_ID) for w in text.split()])


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim=16):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids, offsets):
        return self.fc(self.embedding(ids, offsets))


def batchify(texts):
    encoded = [encode(t) for t in texts]
    offsets = torch.tensor([0] + [len(e) for e in encoded[:-1]]).cumsum(0)
    return torch.cat(encoded), offsets


model = BagOfEmbeddings(len(vocab))
opt = torch.optim.Adam(model.parameters(), lr=0.05)
for epoch in range(10):
    ids, offsets = batchify(train_texts)
    loss = nn.functional.cross_entropy(model(ids, offsets), torch.tensor(train_labels))
    opt.zero_grad()
    loss.backward()
    opt.step()

model.eval()
with torch.no_grad():
    ids, offsets = batchify(val_texts)
    val_acc = (model(ids, offsets).argmax(1) == torch.tensor(val_labels)).float().mean()
print("val acc", val_acc.item())
