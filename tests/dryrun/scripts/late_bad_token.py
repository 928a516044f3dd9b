"""A bad token id in batch 3 of 4: the two batches a dry run steps through (first and
last) are clean; the data scan finds it."""

import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

VOCAB = 50


class Tokens(Dataset):
    def __init__(self):
        self.ids = torch.randint(0, VOCAB, (64, 8))
        self.ids[40, 2] = VOCAB + 3  # sample 40 sits in batch 3 of 4
        self.labels = torch.randint(0, 4, (64,))

    def __len__(self):
        return 64

    def __getitem__(self, i):
        return {"tokens": self.ids[i], "label": self.labels[i]}


model = nn.Sequential(nn.Embedding(VOCAB, 16), nn.Flatten(), nn.Linear(8 * 16, 4))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
for batch in DataLoader(Tokens(), batch_size=16):
    loss = nn.functional.cross_entropy(model(batch["tokens"]), batch["label"])
    loss.backward()
    optimizer.step()
    optimizer.zero_grad()
