# Recommender's user embedding sized by the number of users in the training split, but user ids are global ids
# expect: n_users
# also-accept: self.user_emb
# category: index/embedding-out-of-range
# made-at: 17
import torch
import torch.nn as nn

torch.manual_seed(0)
ratings = torch.stack([
    torch.randint(0, 500, (1000,)),
    torch.randint(0, 300, (1000,)),
    torch.randint(1, 6, (1000,)),
], dim=1)
train, test = ratings[:800], ratings[800:]
train_users = train[:, 0]
n_users = train_users.unique().numel()
n_items = 300


class MatrixFactorization(nn.Module):
    def __init__(self, n_users, n_items, k=16):
        super().__init__()
        self.user_emb = nn.Embedding(n_users, k)
        self.item_emb = nn.Embedding(n_items, k)

    def forward(self, u, i):
        return (self.user_emb(u) * self.item_emb(i)).sum(-1)


mf = MatrixFactorization(n_users, n_items)
opt = torch.optim.Adam(mf.parameters(), lr=1e-2)
for epoch in range(3):
    pred = mf(train[:, 0], train[:, 1])
    loss = nn.functional.mse_loss(pred, train[:, 2].float())
    opt.zero_grad()
    loss.backward()
    opt.step()

    print(f"epoch {epoch} mse {loss.item():.3f}")

with torch.no_grad():
    test_pred = mf(test[:, 0], test[:, 1])
    rmse = ((test_pred - test[:, 2].float()) ** 2).mean().sqrt()
print("test RMSE", rmse.item())


# raises: IndexError: index out of range in self
