# the per-user event histories have different lengths, and packing them with dtype=object makes an array torch cannot convert
# expect: np.array(histories, dtype=object)
# category: data/numpy
# made-at: 26
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)

N_USERS, N_EVENTS, WINDOW = 200, 50, 16


def simulate_history(user):
    n = int(rng.integers(WINDOW // 2, WINDOW + 1))
    return rng.integers(0, N_EVENTS, size=n)


def churn_label(hist):
    return int((hist < 10).mean() > 0.3)


histories = [simulate_history(u) for u in range(N_USERS)]
labels = np.array([churn_label(h) for h in histories])
features = np.array(histories, dtype=object)


class ChurnModel(nn.Module):
    def __init__(self, n_events, dim=24):
        super().__init__()
        self.emb = nn.EmbeddingBag(n_events, dim, mode="mean")
        self.head = nn.Sequential(nn.Linear(dim, 16), nn.ReLU(), nn.Linear(16, 1))

    def forward(self, events):
        return self.head(self.emb(events)).squeeze(-1)


model = ChurnModel(N_EVENTS)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
X = torch.from_numpy(features)
y = torch.from_numpy(labels).float()

for epoch in range(20):
    perm = torch.randperm(N_USERS)
    for i in range(0, N_USERS, 32):
        idx = perm[i:i + 32]
        loss = nn.functional.binary_cross_entropy_with_logits(model(X[idx]), y[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    if epoch % 5 == 0:
        print(epoch, loss.item())
