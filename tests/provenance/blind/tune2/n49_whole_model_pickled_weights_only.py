# The training script pickled the whole nn.Module with torch.save(model, ...); the serving code's torch.load now defaults to weights_only=True and refuses the custom class
# expect: model
# also-accept: CKPT_PATH, torch.load
# category: checkpoint/unpickling
# made-at: 39
import os
import tempfile

import torch
import torch.nn as nn

CKPT_PATH = os.path.join(tempfile.mkdtemp(prefix="n49_"), "recommender.pt")


class MatrixFactorization(nn.Module):
    def __init__(self, n_users, n_items, dim=16):
        super().__init__()
        self.users = nn.Embedding(n_users, dim)
        self.items = nn.Embedding(n_items, dim)
        self.user_bias = nn.Embedding(n_users, 1)
        self.item_bias = nn.Embedding(n_items, 1)

    def forward(self, u, i):
        dot = (self.users(u) * self.items(i)).sum(-1)
        return dot + self.user_bias(u).squeeze(-1) + self.item_bias(i).squeeze(-1)


def train():
    torch.manual_seed(0)
    model = MatrixFactorization(50, 80)
    opt = torch.optim.Adam(model.parameters(), lr=0.01)
    users, items = torch.randint(0, 50, (500,)), torch.randint(0, 80, (500,))
    ratings = torch.randint(1, 6, (500,)).float()
    for _ in range(5):
        loss = nn.functional.mse_loss(model(users, items), ratings)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model, CKPT_PATH)


def serve(user_id, k=5):
    model = torch.load(CKPT_PATH)
    model.eval()
    with torch.no_grad():
        scores = model(torch.full((80,), user_id), torch.arange(80))
    return scores.topk(k).indices.tolist()


train()
print("recommendations for user 3:", serve(3))

# raises: _pickle.UnpicklingError: Weights only load failed. This file can still be loaded, to do so you have two options, do those steps only if you trust the source of the checkpoint.
