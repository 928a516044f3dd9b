# the hand-written user-grouped sampler yields 1-based positions (range(1, n + 1)), so the last index is past the end of the interactions and __getitem__ fails in a worker
# expect: range(1, len(self.user_ids) + 1)
# category: data/sampler
# made-at: 39
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader, Sampler

rng = np.random.default_rng(3)
N_USERS, N_ITEMS, N_INTER = 50, 200, 600


class InteractionDataset(Dataset):
    def __init__(self, users, items, n_items, n_neg=2):
        self.users = users
        self.items = items
        self.n_items = n_items
        self.n_neg = n_neg

    def __len__(self):
        return len(self.users)

    def __getitem__(self, i):
        u = self.users[i]
        pos = self.items[i]
        neg = np.random.randint(0, self.n_items, size=self.n_neg)
        return torch.tensor(u), torch.tensor(pos), torch.from_numpy(neg)


class UserGroupedSampler(Sampler):
    """Yields interaction indices grouped by user so a batch mostly holds one user's history."""

    def __init__(self, user_ids, seed=0):
        self.user_ids = user_ids
        self.seed = seed

    def __iter__(self):
        order = sorted(range(1, len(self.user_ids) + 1), key=lambda i: self.user_ids[i - 1])
        return iter(order)

    def __len__(self):
        return len(self.user_ids)


class BPRModel(nn.Module):
    def __init__(self, n_users, n_items, dim=16):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, dim)
        self.item_emb = nn.Embedding(n_items, dim)
        nn.init.normal_(self.user_emb.weight, std=0.1)
        nn.init.normal_(self.item_emb.weight, std=0.1)

    def forward(self, u, pos, neg):
        ue = self.user_emb(u)
        pos_score = (ue * self.item_emb(pos)).sum(-1)
        neg_score = (ue.unsqueeze(1) * self.item_emb(neg)).sum(-1)
        return pos_score, neg_score


if __name__ == "__main__":
    torch.manual_seed(3)
    users = rng.integers(0, N_USERS, N_INTER)
    items = rng.integers(0, N_ITEMS, N_INTER)
    ds = InteractionDataset(users, items, N_ITEMS)
    dl = DataLoader(ds, batch_size=64, sampler=UserGroupedSampler(users), num_workers=2)
    model = BPRModel(N_USERS, N_ITEMS)
    opt = torch.optim.Adam(model.parameters(), lr=1e-2)
    for epoch in range(3):
        for u, pos, neg in dl:
            pos_s, neg_s = model(u, pos, neg)
            loss = -torch.log(torch.sigmoid(pos_s.unsqueeze(1) - neg_s) + 1e-8).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: bpr {loss.item():.4f}")
