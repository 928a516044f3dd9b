# the custom collate_fn pads the token tensors but calls torch.stack on the labels, which the Dataset returns as plain Python ints
# expect: torch.stack(labels)
# category: data/collate
# made-at: 39
import random

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence
from torch.utils.data import Dataset, DataLoader

random.seed(0)
torch.manual_seed(0)
PAD = 0


class ReviewsDataset(Dataset):
    def __init__(self, n=300, vocab=500):
        rnd = random.Random(1)
        self.samples = []
        for _ in range(n):
            label = rnd.randint(0, 2)
            length = rnd.randint(4, 40)
            tokens = [rnd.randint(1, vocab - 1) for _ in range(length)]
            self.samples.append((tokens, label))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        tokens, label = self.samples[idx]
        return torch.tensor(tokens, dtype=torch.long), label


def collate_batch(batch):
    seqs, labels = zip(*batch)
    lengths = torch.tensor([len(s) for s in seqs])
    padded = pad_sequence(seqs, batch_first=True, padding_value=PAD)
    return padded, lengths, torch.stack(labels)


class LSTMClassifier(nn.Module):
    def __init__(self, vocab=500, emb=64, hidden=64, n_classes=3):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb, padding_idx=PAD)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, n_classes)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.emb(x), lengths, batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.fc(h[-1])


if __name__ == "__main__":
    loader = DataLoader(ReviewsDataset(), batch_size=16, shuffle=True, collate_fn=collate_batch, num_workers=2)
    model = LSTMClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    for epoch in range(2):
        for x, lengths, y in loader:
            loss = nn.functional.cross_entropy(model(x, lengths), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.3f}")
