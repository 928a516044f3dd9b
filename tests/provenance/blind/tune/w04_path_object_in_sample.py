# Samples include the pathlib.Path of each file, a type the default collate does not know how to batch
# expect: path
# category: data/bad-sample-type
# made-at: 22
from pathlib import Path

import torch
from torch.utils.data import DataLoader, Dataset


class Scans(Dataset):
    def __init__(self, root="/data/scans", n=8):
        self.root = Path(root)
        self.ids = [f"scan_{i:03d}.npy" for i in range(n)]
        g = torch.Generator().manual_seed(0)
        self.volumes = torch.rand(n, 1, 8, 8, 8, generator=g)

    def __len__(self):
        return len(self.ids)

    def __getitem__(self, i):
        path = self.root / self.ids[i]
        return {"volume": self.volumes[i], "path": path}


loader = DataLoader(Scans(), batch_size=4)
for batch in loader:
    print(batch["volume"].shape, batch["path"])

# raises: TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'pathlib.PosixPath'>
