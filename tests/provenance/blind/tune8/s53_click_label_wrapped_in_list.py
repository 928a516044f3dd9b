# The dataset wraps the click label in a list, so targets come out (B, 1) while the model returns (B,) logits.
# expect: target
# also-accept: torch.tensor([clicked], dtype=torch.float32)
# category: shape/target
# made-at: 28
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

N_USERS, N_ITEMS = 300, 800
interactions = np.stack([rng.integers(0, N_USERS, 5000), rng.integers(0, N_ITEMS, 5000),
                         rng.integers(0, 2, 5000)], axis=1)


class ClickDataset(Dataset):
    def __init__(self, rows):
        self.rows = rows

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, i):
        user, item, clicked = self.rows[i]
        target = torch.tensor([clicked], dtype=torch.float32)
        return torch.tensor(user), torch.tensor(item), target


class MatrixFactorization(nn.Module):
    def __init__(self, n_users, n_items, dim=32):
        super().__init__()
        self.user = nn.Embedding(n_users, dim)
        self.item = nn.Embedding(n_items, dim)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)

    def forward(self, u, i):
        dot = (self.user(u) * self.item(i)).sum(dim=1)
        return dot + self.user_bias(u).squeeze(1) + self.item_bias(i).squeeze(1)


loader = DataLoader(ClickDataset(interactions), batch_size=256, shuffle=True, num_workers=2)
model = MatrixFactorization(N_USERS, N_ITEMS)
criterion = nn.BCEWithLogitsLoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)

for epoch in range(3):
    for u, i, y in loader:
        opt.zero_grad()
        loss = criterion(model(u, i), y)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
