# the Dataset opens its sqlite3 connection in __init__, and with the spawn start method each worker must pickle the dataset, connection included
# expect: self.conn
# also-accept: sqlite3.connect(db_path)
# category: data/worker-failure
# made-at: 30
import os
import sqlite3
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset

DB_PATH = os.path.join(tempfile.mkdtemp(prefix="features_"), "features.db")
LOADER_KW = {"batch_size": 8, "num_workers": 2, "multiprocessing_context": "spawn", "persistent_workers": False}


def build_db(path, n=40, dim=6):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE samples (id INTEGER PRIMARY KEY, features TEXT, label INTEGER)")
    g = torch.Generator().manual_seed(0)
    for i in range(n):
        feats = ",".join(f"{v:.4f}" for v in torch.randn(dim, generator=g).tolist())
        conn.execute("INSERT INTO samples VALUES (?, ?, ?)", (i, feats, i % 2))
    conn.commit()
    conn.close()


class SqliteFeatures(Dataset):
    def __init__(self, db_path):
        self.conn = sqlite3.connect(db_path)
        self.n = self.conn.execute("SELECT COUNT(*) FROM samples").fetchone()[0]

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        feats, label = self.conn.execute("SELECT features, label FROM samples WHERE id = ?", (idx,)).fetchone()
        return torch.tensor([float(v) for v in feats.split(",")]), label


def train():
    ds = SqliteFeatures(DB_PATH)
    loader = DataLoader(ds, shuffle=True, **LOADER_KW)
    model = torch.nn.Linear(6, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("done", loss.item())


if __name__ == "__main__":
    build_db(DB_PATH)
    train()
