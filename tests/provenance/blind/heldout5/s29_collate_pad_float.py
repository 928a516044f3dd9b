# The custom collate_fn pads token ids into torch.zeros(...) without a dtype, so the batch of ids is float and the embedding rejects it
# expect: torch.zeros(len(batch), max_len)
# category: dtype/index
# made-at: 25
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ReviewDataset(Dataset):
    def __init__(self, n=200, vocab=3000):
        g = torch.Generator().manual_seed(0)
        self.docs = [torch.randint(1, vocab, (int(torch.randint(5, 60, (1,), generator=g)),), generator=g) for _ in range(n)]
        self.labels = torch.randint(0, 2, (n,), generator=g)

    def __len__(self):
        return len(self.docs)

    def __getitem__(self, i):
        return self.docs[i], self.labels[i]


def pad_collate(batch):
    max_len = max(len(doc) for doc, _ in batch)
    ids = torch.zeros(len(batch), max_len)
    lengths = torch.tensor([len(doc) for doc, _ in batch])
    for i, (doc, _) in enumerate(batch):
        ids[i, : len(doc)] = doc
    labels = torch.stack([lab for _, lab in batch])
    return ids, lengths, labels


class AvgEmbClassifier(nn.Module):
    def __init__(self, vocab=3000, dim=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=0)
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids, lengths):
        return self.fc(self.emb(ids).sum(1) / lengths.unsqueeze(1))


def main():
    torch.manual_seed(0)
    loader = DataLoader(ReviewDataset(), batch_size=16, shuffle=True, collate_fn=pad_collate, num_workers=2)
    model = AvgEmbClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for ids, lengths, labels in loader:
        loss = nn.functional.cross_entropy(model(ids, lengths), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
