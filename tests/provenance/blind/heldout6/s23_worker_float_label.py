# __getitem__ takes the label from the float64 table it shares with the features, so the batches carry float64 class labels into cross_entropy
# expect: label = torch.tensor(row[-1])
# category: dtype/target
# made-at: 31
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


def make_table(n=600, d=12, k=3, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = np.argmax(X[:, :k] + 0.5 * rng.normal(size=(n, k)), axis=1)
    return np.concatenate([X, y[:, None]], axis=1)


class TableDataset(Dataset):
    def __init__(self, table, mean=None, std=None):
        self.table = table
        feats = table[:, :-1]
        self.mean = feats.mean(0) if mean is None else mean
        self.std = feats.std(0) if std is None else std

    def __len__(self):
        return len(self.table)

    def __getitem__(self, i):
        row = self.table[i]
        x = torch.from_numpy(((row[:-1] - self.mean) / self.std).astype(np.float32))
        label = torch.tensor(row[-1])
        return x, label


def build_model(d, k):
    return nn.Sequential(nn.Linear(d, 64), nn.ReLU(), nn.Dropout(0.1), nn.Linear(64, k))


def train_one_epoch(model, loader, opt, criterion):
    model.train()
    for x, y in loader:
        out = model(x)
        loss = criterion(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    table = make_table()
    train_ds = TableDataset(table[:500])
    loader = DataLoader(train_ds, batch_size=50, shuffle=True, num_workers=2, persistent_workers=True)
    model = build_model(12, 3)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss(label_smoothing=0.05)
    for epoch in range(3):
        print(epoch, train_one_epoch(model, loader, opt, criterion))
