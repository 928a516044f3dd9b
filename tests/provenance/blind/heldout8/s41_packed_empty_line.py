# The transcript file ends with a blank line and the reader keeps it, giving a zero-length sequence that pack_padded_sequence rejects.
# expect: lines
# also-accept: fh.read().split("\n")
# category: data/empty-sample
# made-at: 34
import os
import random
import tempfile

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pad_sequence
from torch.utils.data import DataLoader, Dataset

random.seed(0)
torch.manual_seed(0)

tmp = tempfile.mkdtemp()
path = os.path.join(tmp, "intents.tsv")
intents = ["play", "stop", "weather"]
words = "please can you the music some song now today tomorrow what is it like outside turn off".split()
with open(path, "w") as fh:
    for _ in range(63):
        fh.write(f"{random.randrange(3)}\t{' '.join(random.choices(words, k=random.randint(2, 9)))}\n")

vocab = {"<pad>": 0}
for w in words:
    vocab.setdefault(w, len(vocab))


class IntentDataset(Dataset):
    def __init__(self, path):
        with open(path) as fh:
            lines = fh.read().split("\n")
        self.samples = []
        for line in lines:
            label, _, sentence = line.partition("\t")
            ids = [vocab[w] for w in sentence.split()]
            self.samples.append((torch.tensor(ids, dtype=torch.long), int(label or 0)))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        return self.samples[i]


def collate(batch):
    seqs, labels = zip(*batch)
    lengths = torch.tensor([len(s) for s in seqs])
    return pad_sequence(seqs, batch_first=True), lengths, torch.tensor(labels)


class IntentGRU(nn.Module):
    def __init__(self, vocab_size, n_cls):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, 32, padding_idx=0)
        self.gru = nn.GRU(32, 64, batch_first=True)
        self.fc = nn.Linear(64, n_cls)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.emb(x), lengths, batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.fc(h[-1])


ds = IntentDataset(path)
loader = DataLoader(ds, batch_size=16, shuffle=False, collate_fn=collate)
model = IntentGRU(len(vocab), len(intents))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    for x, lengths, y in loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x, lengths), y)
        loss.backward()
        opt.step()
    print("epoch", epoch, loss.item())
