# the collate function pads time-first (pad_sequence without batch_first=True) while the model pools over dim 1 as if batch-first
# expect: pad_sequence(seqs, padding_value=PAD)
# category: shape/collate
# made-at: 33
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset

PAD = 0
VOCAB = 200


class ReviewDataset(Dataset):
    def __init__(self, n, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.items = []
        for _ in range(n):
            length = int(torch.randint(5, 30, (1,), generator=g))
            ids = torch.randint(1, VOCAB, (length,), generator=g)
            self.items.append((ids, int(ids.float().mean() > VOCAB / 2)))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate(batch):
    seqs = [ids for ids, _ in batch]
    labels = torch.tensor([label for _, label in batch])
    tokens = pad_sequence(seqs, padding_value=PAD)
    mask = tokens != PAD
    return {"tokens": tokens, "mask": mask, "labels": labels}


class MeanPoolClassifier(nn.Module):
    def __init__(self, vocab, dim=64, n_classes=2):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.proj = nn.Sequential(nn.Linear(dim, dim), nn.ReLU())
        self.cls = nn.Linear(dim, n_classes)

    def forward(self, tokens, mask):
        h = self.proj(self.emb(tokens))
        m = mask.unsqueeze(-1).float()
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1.0)
        return self.cls(pooled)


def train_one_epoch(model, loader, opt, loss_fn):
    model.train()
    total = 0.0
    for batch in loader:
        logits = model(batch["tokens"], batch["mask"])
        loss = loss_fn(logits, batch["labels"])
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    return total / len(loader)


def main():
    torch.manual_seed(0)
    loader = DataLoader(ReviewDataset(512), batch_size=16, shuffle=True,
                        num_workers=2, collate_fn=collate)
    model = MeanPoolClassifier(VOCAB)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        print(epoch, train_one_epoch(model, loader, opt, nn.CrossEntropyLoss()))


if __name__ == "__main__":
    main()
