# The test split size is rounded down on its own, so the three lengths no longer add up to the dataset size
# expect: n_test
# also-accept: int(SPLITS["test"] * n)
# category: data/split-lengths
# made-at: 22
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

SPLITS = {"train": 0.8, "val": 0.1, "test": 0.1}


def make_dataset(n=1005):
    x = torch.randn(n, 3)
    y = (x.sum(1) > 0).long()
    return TensorDataset(x, y)


def split(dataset, seed=42):
    n = len(dataset)
    n_train = int(SPLITS["train"] * n)
    n_val = int(SPLITS["val"] * n)
    n_test = int(SPLITS["test"] * n)
    gen = torch.Generator().manual_seed(seed)
    return random_split(dataset, [n_train, n_val, n_test], generator=gen)


train_ds, val_ds, test_ds = split(make_dataset())
loaders = {name: DataLoader(ds, batch_size=64) for name, ds in zip(SPLITS, (train_ds, val_ds, test_ds))}
print({k: len(v.dataset) for k, v in loaders.items()})
