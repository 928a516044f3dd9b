# The vocabulary size is taken before the <pad> and <unk> tokens are added to the vocabulary
# expect: vocab_size
# also-accept: len(vocab)
# category: index/embedding-out-of-range
# made-at: 27
import torch
import torch.nn as nn
import torch.nn.functional as F

texts = [
    "the movie was great",
    "terrible plot and bad acting",
    "great acting and a great plot",
    "i would not watch it again",
    "a fine film",
    "bad bad bad",
]
labels = torch.tensor([1, 0, 1, 0, 1, 0])


def build_vocab(corpus):
    words = sorted({w for line in corpus for w in line.split()})
    return {w: i for i, w in enumerate(words)}


vocab = build_vocab(texts)
vocab_size = len(vocab)
vocab["<pad>"] = len(vocab)
vocab["<unk>"] = len(vocab)


def encode(line, max_len=8):
    ids = [vocab.get(w, vocab["<unk>"]) for w in line.split()][:max_len]
    ids += [vocab["<pad>"]] * (max_len - len(ids))
    return ids


class BagClassifier(nn.Module):
    def __init__(self, vocab_size, dim=32, n_classes=2):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim)
        self.out = nn.Linear(dim, n_classes)

    def forward(self, ids):
        return self.out(self.emb(ids).mean(1))


model = BagClassifier(vocab_size)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
batch = torch.tensor([encode(t) for t in texts])
for epoch in range(3):
    loss = F.cross_entropy(model(batch), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
