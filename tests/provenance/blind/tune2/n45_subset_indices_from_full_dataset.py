# The validation indices are computed on the full dataset (0..199) but used with a Subset of 150 items, so a worker's __getitem__ indexes past the subset
# expect: val_idx
# also-accept: val_sampler
# category: index/out-of-bounds
# made-at: 33
import torch
from torch.utils.data import DataLoader, Dataset, Subset, SubsetRandomSampler


class SpectrogramDataset(Dataset):
    def __init__(self, n_items=200, n_mels=16, frames=32):
        g = torch.Generator().manual_seed(0)
        self.specs = torch.randn(n_items, n_mels, frames, generator=g)
        self.labels = torch.randint(0, 8, (n_items,), generator=g)

    def __len__(self):
        return len(self.specs)

    def __getitem__(self, idx):
        spec = self.specs[idx]
        spec = (spec - spec.mean()) / (spec.std() + 1e-5)
        return spec.unsqueeze(0), self.labels[idx]


def split_indices(n, val_fraction, seed):
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).tolist()
    n_val = int(n * val_fraction)
    return perm[n_val:], perm[:n_val]


if __name__ == "__main__":
    full = SpectrogramDataset()
    train_idx, val_idx = split_indices(len(full), val_fraction=0.25, seed=1)
    # keep the last 50 clips as a held-out test set, train/val on the rest
    dev = Subset(full, range(150))
    val_sampler = SubsetRandomSampler(val_idx)
    val_loader = DataLoader(dev, batch_size=10, sampler=val_sampler, num_workers=2)
    for specs, labels in val_loader:
        print(specs.shape, labels.tolist())

# raises: IndexError: range object index out of range
