# vocab_size is taken before <pad> and <unk> are appended to the vocabulary, so the embedding is two rows too small.
# expect: vocab_size
# also-accept: len(vocab)
# category: index/embedding-size
# made-at: 30
import random
from collections import Counter

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

random.seed(0)
torch.manual_seed(0)

WORDS = "good bad great awful fine boring fun slow fast plot actor scene movie story".split()


def fake_review(label):
    n = random.randint(4, 12)
    extra = ["great", "fun"] if label else ["awful", "boring"]
    return " ".join(random.choice(WORDS + extra) for _ in range(n))


train = [(fake_review(l), l) for l in [random.randint(0, 1) for _ in range(200)]]
test = [(fake_review(l) + " unseenword", l) for l in [random.randint(0, 1) for _ in range(50)]]

counter = Counter(w for text, _ in train for w in text.split())
vocab = {w: i for i, (w, _) in enumerate(counter.most_common())}
vocab_size = len(vocab)
vocab["<pad>"] = len(vocab)
vocab["<unk>"] = len(vocab)
PAD, UNK = vocab["<pad>"], vocab["<unk>"]


def encode(text):
    return torch.tensor([vocab.get(w, UNK) for w in text.split()], dtype=torch.long)


def batches(data, bs):
    for i in range(0, len(data), bs):
        chunk = data[i:i + bs]
        seqs = pad_sequence([encode(t) for t, _ in chunk], batch_first=True, padding_value=PAD)
        yield seqs, torch.tensor([l for _, l in chunk])


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=None)
        self.out = nn.Linear(dim, 2)

    def forward(self, x):
        mask = (x != PAD).unsqueeze(-1).float()
        h = (self.emb(x) * mask).sum(1) / mask.sum(1)
        return self.out(h)


model = BagOfEmbeddings(vocab_size)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    for xb, yb in batches(train, 16):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
    print("epoch", epoch, loss.item())
