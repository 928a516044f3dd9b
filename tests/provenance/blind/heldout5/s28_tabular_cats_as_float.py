# The whole table, categorical codes included, is turned into one float32 tensor, so the embedding lookups get float indices
# expect: torch.tensor(table, dtype=torch.float32)
# category: dtype/index
# made-at: 20
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

N_CAT = 3
CARDS = [12, 7, 30]


class ChurnDataset(Dataset):
    def __init__(self, n=512, seed=0):
        rng = np.random.default_rng(seed)
        cats = np.stack([rng.integers(0, c, size=n) for c in CARDS], axis=1)
        nums = rng.normal(size=(n, 5))
        table = np.concatenate([cats, nums], axis=1)  # first N_CAT columns are codes
        self.x = torch.tensor(table, dtype=torch.float32)
        self.y = torch.tensor(rng.integers(0, 2, size=n), dtype=torch.float32)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i, :N_CAT], self.x[i, N_CAT:], self.y[i]


class ChurnModel(nn.Module):
    def __init__(self):
        super().__init__()
        self.embs = nn.ModuleList(nn.Embedding(c, 4) for c in CARDS)
        self.net = nn.Sequential(nn.Linear(4 * N_CAT + 5, 32), nn.ReLU(), nn.Linear(32, 1))

    def forward(self, x_cat, x_num):
        e = torch.cat([emb(x_cat[:, j]) for j, emb in enumerate(self.embs)], dim=1)
        return self.net(torch.cat([e, x_num], dim=1)).squeeze(1)


def train_one_epoch(model, loader, opt):
    crit = nn.BCEWithLogitsLoss()
    for x_cat, x_num, y in loader:
        loss = crit(model(x_cat, x_num), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(ChurnDataset(), batch_size=64, shuffle=True)
    model = ChurnModel()
    train_one_epoch(model, loader, torch.optim.Adam(model.parameters(), lr=1e-3))
