# Token labels are padded with -1 in the collate function, but CrossEntropyLoss ignores -100 by default, so the padded positions are out-of-range targets
# expect: nn.CrossEntropyLoss()
# also-accept: LABEL_PAD = -1
# category: loss/ignore-index
# made-at: 57
"""POS tagging with a BiLSTM; variable-length sentences padded per batch."""
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

TAGS = ["NOUN", "VERB", "ADJ", "ADV", "PRON", "DET", "ADP", "PUNCT"]
VOCAB_SIZE = 800
TOKEN_PAD = 0
LABEL_PAD = -1


class TaggedSentences(Dataset):
    def __init__(self, n, seed):
        g = torch.Generator().manual_seed(seed)
        self.items = []
        for _ in range(n):
            length = int(torch.randint(4, 25, (1,), generator=g))
            tokens = torch.randint(1, VOCAB_SIZE, (length,), generator=g)
            tags = tokens % len(TAGS)
            self.items.append((tokens, tags))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate_fn(batch):
    tokens, tags = zip(*batch)
    tokens = pad_sequence(tokens, batch_first=True, padding_value=TOKEN_PAD)
    tags = pad_sequence(tags, batch_first=True, padding_value=LABEL_PAD)
    return tokens, tags


class BiLSTMTagger(nn.Module):
    def __init__(self, vocab_size, emb_dim=64, hidden=128, num_tags=len(TAGS)):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, emb_dim, padding_idx=TOKEN_PAD)
        self.lstm = nn.LSTM(emb_dim, hidden, batch_first=True, bidirectional=True)
        self.out = nn.Linear(2 * hidden, num_tags)

    def forward(self, tokens):
        h, _ = self.lstm(self.emb(tokens))
        return self.out(h)


model = BiLSTMTagger(VOCAB_SIZE)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(TaggedSentences(600, seed=1), batch_size=16, shuffle=True, collate_fn=collate_fn)

for epoch in range(3):
    model.train()
    for step, (tokens, tags) in enumerate(loader):
        logits = model(tokens)                                   # (B, T, num_tags)
        loss = criterion(logits.view(-1, logits.size(-1)), tags.view(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")
