# The validation DataLoader is built without the padding collate_fn the training loader uses
# expect: val_loader
# also-accept: DataLoader(val_ds, batch_size=8, num_workers=2)
# category: data/collate-unequal
# made-at: 47
import random

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

random.seed(0)
torch.manual_seed(0)
PAD = 0


class TokenDataset(Dataset):
    def __init__(self, n, vocab=50):
        self.items = [torch.randint(1, vocab, (random.randint(4, 15),)) for _ in range(n)]
        self.labels = [int(x.sum()) % 2 for x in self.items]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i], self.labels[i]


def pad_collate(batch):
    seqs, labels = zip(*batch)
    return pad_sequence(seqs, batch_first=True, padding_value=PAD), torch.tensor(labels)


class Model(nn.Module):
    def __init__(self, vocab=50, dim=16):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.fc(self.emb(ids).sum(1))


train_ds, val_ds = TokenDataset(64), TokenDataset(16)
train_loader = DataLoader(train_ds, batch_size=8, shuffle=True, collate_fn=pad_collate, num_workers=2)
val_loader = DataLoader(val_ds, batch_size=8, num_workers=2)

model = Model()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(2):
    model.train()
    for ids, y in train_loader:
        loss = nn.functional.cross_entropy(model(ids), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        correct = sum((model(ids).argmax(1) == y).sum().item() for ids, y in val_loader)
    print(epoch, correct / len(val_ds))
