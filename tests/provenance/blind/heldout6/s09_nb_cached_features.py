# Features are computed once with the trainable encoder in an earlier cell, so the second optimisation step backpropagates through the freed graph
# expect: feats = encoder(X_train)
# category: autograd/graph-reuse
# made-at: 23
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
X = torch.randn(320, 30)
y = (X[:, :3].sum(1) - 0.5 * X[:, 3] > 0).long()
X_train, y_train = X[:256], y[:256]
X_test, y_test = X[256:], y[256:]

# %%
encoder = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU())
head = nn.Linear(32, 2)
params = list(encoder.parameters()) + list(head.parameters())
opt = torch.optim.SGD(params, lr=0.05, momentum=0.9)
print(sum(p.numel() for p in params), "parameters")

# %%
feats = encoder(X_train)
print(feats.shape, feats.mean().item())

# %%
losses = []
for it in range(50):
    logits = head(feats)
    loss = nn.functional.cross_entropy(logits, y_train)
    opt.zero_grad()
    loss.backward()
    opt.step()
    losses.append(loss.item())

# %%
print(losses[0], losses[-1])

# %%
with torch.no_grad():
    pred = head(encoder(X_test)).argmax(1)
print("test acc", (pred == y_test).float().mean().item())
