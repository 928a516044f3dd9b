# Dataset opens its data file in __init__ and keeps the open handle (and a generator over it), which spawn-started workers cannot pickle
# expect: self.fh
# also-accept: self.reader
# category: data/worker-failure
# made-at: 23
import os
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset


def write_fake_csv():
    path = os.path.join(tempfile.mkdtemp(prefix="blind_csv_"), "rows.csv")
    with open(path, "w") as f:
        for i in range(40):
            f.write(",".join(str((i * 7 + j) % 10) for j in range(5)) + "\n")
    return path


class CSVRows(Dataset):
    def __init__(self, path):
        self.fh = open(path)
        self.reader = (line.strip().split(",") for line in self.fh)
        self.rows = None

    def _load(self):
        if self.rows is None:
            self.rows = [list(map(float, r)) for r in self.reader]
        return self.rows

    def __len__(self):
        return 40

    def __getitem__(self, i):
        return torch.tensor(self._load()[i])


if __name__ == "__main__":
    ds = CSVRows(write_fake_csv())
    loader = DataLoader(ds, batch_size=10, num_workers=2, multiprocessing_context="spawn")
    for rows in loader:
        print(rows.sum())

# raises: TypeError: cannot pickle '_io.TextIOWrapper' object
