# star ratings 1..5 are used directly as class indices for a 5-class head; rating 5 is out of range (should be rating - 1)
# expect: labels
# category: index/loss-target-out-of-range
# made-at: 19
import csv
import io

import torch
import torch.nn as nn

RAW_CSV = "user,item,rating\n" + "\n".join(f"{u},{(u * 7) % 13},{(u % 5) + 1}" for u in range(60))
NUM_CLASSES = 5


def read_ratings(text):
    rows = list(csv.DictReader(io.StringIO(text)))
    users = torch.tensor([int(r["user"]) for r in rows])
    items = torch.tensor([int(r["item"]) for r in rows])
    labels = torch.tensor([int(r["rating"]) for r in rows])
    return users, items, labels


class RatingClassifier(nn.Module):
    def __init__(self, n_users, n_items, dim=8):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, dim)
        self.item_emb = nn.Embedding(n_items, dim)
        self.out = nn.Linear(2 * dim, NUM_CLASSES)

    def forward(self, u, i):
        return self.out(torch.cat([self.user_emb(u), self.item_emb(i)], dim=-1))


users, items, labels = read_ratings(RAW_CSV)
model = RatingClassifier(n_users=60, n_items=13)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for epoch in range(5):
    logits = model(users, items)
    loss = nn.functional.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
