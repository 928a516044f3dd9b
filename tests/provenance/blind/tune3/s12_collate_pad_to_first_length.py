# the custom collate_fn pads every sequence to the length of the first one in the batch instead of the longest, so longer ones get a negative pad size
# expect: max_len
# category: data/collate-padding
# made-at: 30
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

PAD_ID = 0


class ReviewDataset(Dataset):
    def __init__(self, n=120, vocab=500):
        random.seed(0)
        self.samples = [
            (torch.randint(1, vocab, (random.randint(5, 30),)), random.randint(0, 1)) for _ in range(n)
        ]

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        return self.samples[idx]


def pad_collate(batch):
    seqs, labels = zip(*batch)
    max_len = len(seqs[0])
    padded = [torch.cat([s, s.new_full((max_len - len(s),), PAD_ID)]) for s in seqs]
    return torch.stack(padded), torch.tensor(labels)


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab=500, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD_ID)
        self.out = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.out(self.emb(ids).mean(1))


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(ReviewDataset(), batch_size=16, shuffle=True, collate_fn=pad_collate, num_workers=2)
    model = BagOfEmbeddings()
    opt = torch.optim.Adam(model.parameters())
    for ids, labels in loader:
        loss = nn.functional.cross_entropy(model(ids), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("epoch done", loss.item())
