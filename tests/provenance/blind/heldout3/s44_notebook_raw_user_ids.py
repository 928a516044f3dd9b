# the interaction tensors are built from the raw user ids rather than the contiguous indices from user2idx built in the cell above
# expect: users
# also-accept: raw_users
# category: index/embedding-raw-ids
# made-at: 23
# %%
import random

import torch
import torch.nn as nn

random.seed(0)
raw_users = [random.choice([1017, 2044, 3090, 4512, 5003, 6120]) for _ in range(500)]
raw_items = [random.randint(0, 49) for _ in range(500)]
clicks = [random.random() < 0.3 for _ in range(500)]

# %%
user2idx = {u: i for i, u in enumerate(sorted(set(raw_users)))}
n_users, n_items = len(user2idx), 50
print(n_users, "users")

# %%
users = torch.tensor(raw_users)
items = torch.tensor(raw_items)
targets = torch.tensor(clicks, dtype=torch.float32)

# %%
class MatrixFactorization(nn.Module):
    def __init__(self, n_users, n_items, k=8):
        super().__init__()
        self.U = nn.Embedding(n_users, k)
        self.V = nn.Embedding(n_items, k)

    def forward(self, u, i):
        return (self.U(u) * self.V(i)).sum(-1)


mf = MatrixFactorization(n_users, n_items)
opt = torch.optim.Adam(mf.parameters(), lr=0.05)

# %%
for epoch in range(5):
    loss = nn.functional.binary_cross_entropy_with_logits(mf(users, items), targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())
