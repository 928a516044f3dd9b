# the bucket sampler is built from the lengths of the whole dataset, so it yields indices past the end of the training subset
# expect: lengths = [len(full_ds[i][0]) for i in range(len(full_ds))]
# also-accept: BucketBatchSampler(lengths, batch_size=cfg.batch_size)
# category: data/sampler
# made-at: 70
import random
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence
from torch.utils.data import DataLoader, Dataset, Sampler, Subset


class TokenDataset(Dataset):
    def __init__(self, n, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.data = []
        for _ in range(n):
            L = int(torch.randint(4, 40, (1,), generator=g))
            x = torch.randint(1, 100, (L,), generator=g)
            self.data.append((x, int(x[0] % 3)))

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        return self.data[i]


class BucketBatchSampler(Sampler):
    def __init__(self, lengths, batch_size, seed=0):
        self.order = sorted(range(len(lengths)), key=lambda i: lengths[i])
        self.batch_size = batch_size
        self.rng = random.Random(seed)

    def __iter__(self):
        batches = [self.order[i:i + self.batch_size] for i in range(0, len(self.order), self.batch_size)]
        self.rng.shuffle(batches)
        yield from batches

    def __len__(self):
        return (len(self.order) + self.batch_size - 1) // self.batch_size


def collate(batch):
    xs, ys = zip(*batch)
    return pad_sequence(xs, batch_first=True), torch.tensor(ys)


class GRUClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(100, 32, padding_idx=0)
        self.gru = nn.GRU(32, 64, batch_first=True)
        self.fc = nn.Linear(64, 3)

    def forward(self, x):
        _, h = self.gru(self.emb(x))
        return self.fc(h[-1])


def main():
    cfg = SimpleNamespace(n=600, val_frac=0.2, batch_size=32, lr=2e-3, epochs=2)
    torch.manual_seed(0)
    full_ds = TokenDataset(cfg.n)
    n_val = int(cfg.n * cfg.val_frac)
    perm = torch.randperm(cfg.n).tolist()
    train_ds, val_ds = Subset(full_ds, perm[n_val:]), Subset(full_ds, perm[:n_val])
    lengths = [len(full_ds[i][0]) for i in range(len(full_ds))]
    train_loader = DataLoader(train_ds, batch_sampler=BucketBatchSampler(lengths, batch_size=cfg.batch_size),
                              collate_fn=collate, num_workers=2)
    model = GRUClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for epoch in range(cfg.epochs):
        for x, y in train_loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item(), len(val_ds))


if __name__ == "__main__":
    main()
