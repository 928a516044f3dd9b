# The NER collate pads label sequences with -1, but cross_entropy only ignores -100 by default, so the padded positions are out-of-range targets
# expect: LABEL_PAD
# also-accept: labels, ignore_index
# category: index/class-out-of-range
# made-at: 12
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader

TAGS = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
TOKEN_PAD, LABEL_PAD = 0, -1

SENTENCES = [
    (["john", "lives", "in", "new", "york"], ["B-PER", "O", "O", "B-LOC", "I-LOC"]),
    (["mary", "smith", "visited", "paris"], ["B-PER", "I-PER", "O", "B-LOC"]),
    (["it", "rained"], ["O", "O"]),
    (["anna", "moved", "to", "rome", "last", "year"], ["B-PER", "O", "O", "B-LOC", "O", "O"]),
]
VOCAB = {w: i + 1 for i, w in enumerate(sorted({w for s, _ in SENTENCES for w in s}))}


def collate(batch):
    tokens = [torch.tensor([VOCAB[w] for w in words]) for words, _ in batch]
    labels = [torch.tensor([TAGS.index(t) for t in tags]) for _, tags in batch]
    return (
        pad_sequence(tokens, batch_first=True, padding_value=TOKEN_PAD),
        pad_sequence(labels, batch_first=True, padding_value=LABEL_PAD),
    )


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, n_tags, emb=24, hidden=32):
        super().__init__()
        self.emb = nn.Embedding(vocab_size + 1, emb, padding_idx=TOKEN_PAD)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, n_tags)

    def forward(self, x):
        h, _ = self.lstm(self.emb(x))
        return self.out(h)


torch.manual_seed(0)
model = BiLSTMTagger(len(VOCAB), len(TAGS))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(3):
    for tokens, labels in DataLoader(SENTENCES, batch_size=2, shuffle=True, collate_fn=collate):
        logits = model(tokens)
        loss = loss_fn(logits.view(-1, len(TAGS)), labels.view(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())

# raises: IndexError: Target -1 is out of bounds.
