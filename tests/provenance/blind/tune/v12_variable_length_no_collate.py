# Variable-length token sequences batched by the default collate (no padding collate_fn), inside 2 workers
# expect: train_loader
# also-accept: collate_fn
# category: shape/collate-unequal
# made-at: 32
import torch
from torch.utils.data import DataLoader, Dataset


class ReviewsDataset(Dataset):
    def __init__(self, n=40, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.lengths = torch.randint(5, 30, (n,), generator=g).tolist()
        self.reviews = [torch.randint(1, 1000, (L,), generator=g) for L in self.lengths]
        self.labels = torch.randint(0, 2, (n,), generator=g)

    def __len__(self):
        return len(self.reviews)

    def __getitem__(self, idx):
        return self.reviews[idx], self.labels[idx]


def pad_collate(batch):
    seqs, labels = zip(*batch)
    return torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True), torch.stack(labels)


def main():
    torch.manual_seed(0)
    dataset = ReviewsDataset()
    train_loader = DataLoader(dataset, batch_size=8, shuffle=True, num_workers=2)
    for epoch in range(2):
        for step, (tokens, labels) in enumerate(train_loader):
            print(epoch, step, tokens.shape)


if __name__ == "__main__":
    main()

# raises: RuntimeError: Trying to resize storage that is not resizable
