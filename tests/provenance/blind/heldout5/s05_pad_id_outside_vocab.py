# The padding id is set to len(vocab), one past the last row of an embedding sized len(vocab)
# expect: PAD_ID = len(vocab)
# category: index/vocab
# made-at: 19
import torch
import torch.nn as nn

corpus = [
    "the cat sat on the mat",
    "a dog ate my homework",
    "the quick brown fox jumps over the lazy dog",
    "my cat likes the warm mat",
]

vocab = {}
for line in corpus:
    for tok in line.split():
        vocab.setdefault(tok, len(vocab))
PAD_ID = len(vocab)


def encode(line, max_len=10):
    ids = [vocab[t] for t in line.split()][:max_len]
    return ids + [PAD_ID] * (max_len - len(ids))


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim, n_classes):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=PAD_ID)
        self.out = nn.Linear(dim, n_classes)

    def forward(self, ids):
        mask = (ids != PAD_ID).unsqueeze(-1).float()
        pooled = (self.emb(ids) * mask).sum(1) / mask.sum(1)
        return self.out(pooled)


batch = torch.tensor([encode(s) for s in corpus])
labels = torch.tensor([0, 1, 1, 0])
model = BagOfEmbeddings(len(vocab), 32, 2)
loss = nn.functional.cross_entropy(model(batch), labels)
loss.backward()
print(loss.item())
