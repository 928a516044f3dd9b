# __getitem__ truncates long reviews to max_len but never pads short ones, so the default collate cannot stack them
# expect: ids
# also-accept: __getitem__
# category: shape/collate-unequal
# made-at: 29
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

WORDS = "good bad great awful fine boring fun plot actor scene music long short".split()


class Reviews(Dataset):
    def __init__(self, texts, labels, vocab, max_len=12):
        self.texts = texts
        self.labels = labels
        self.vocab = vocab
        self.max_len = max_len

    def __len__(self):
        return len(self.texts)

    def encode(self, text):
        return [self.vocab.get(w, 1) for w in text.lower().split()]

    def __getitem__(self, i):
        ids = torch.tensor(self.encode(self.texts[i])[: self.max_len], dtype=torch.long)
        return ids, torch.tensor(self.labels[i])


class MeanPoolClassifier(nn.Module):
    def __init__(self, vocab_size, dim=24):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.fc(self.emb(ids).mean(1))


def fake_corpus(n=40, seed=0):
    rnd = random.Random(seed)
    texts = [" ".join(rnd.choice(WORDS) for _ in range(rnd.randint(4, 20))) for _ in range(n)]
    labels = [rnd.randint(0, 1) for _ in range(n)]
    return texts, labels


if __name__ == "__main__":
    vocab = {w: i + 2 for i, w in enumerate(WORDS)}
    texts, labels = fake_corpus()
    train_ds = Reviews(texts, labels, vocab)
    loader = DataLoader(train_ds, batch_size=8, shuffle=True, num_workers=2)
    model = MeanPoolClassifier(len(vocab) + 2)
    optim = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        for ids, y in loader:
            loss = nn.functional.cross_entropy(model(ids), y)
            optim.zero_grad()
            loss.backward()
            optim.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")
