# Dataset holds a lambda transform, which cannot be pickled when DataLoader workers are started with "spawn"
# expect: self.transform
# also-accept: transform
# category: data/worker-failure
# made-at: 27
import torch
from torch.utils.data import DataLoader, Dataset


class Signals(Dataset):
    def __init__(self, n, transform=None):
        g = torch.Generator().manual_seed(0)
        self.data = torch.randn(n, 100, generator=g)
        self.transform = transform

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        x = self.data[i]
        if self.transform:
            x = self.transform(x)
        return x


def main():
    ds = Signals(32, transform=lambda x: (x - x.mean()) / (x.std() + 1e-8))
    loader = DataLoader(ds, batch_size=8, num_workers=2, multiprocessing_context="spawn")
    for batch in loader:
        print(batch.shape)


if __name__ == "__main__":
    main()

# raises: AttributeError: Can't pickle local object 'main.<locals>.<lambda>'
