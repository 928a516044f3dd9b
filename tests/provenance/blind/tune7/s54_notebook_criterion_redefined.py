# a later cell reuses the name `criterion` for the MSELoss of the regression head; re-running the classification evaluation cell then feeds (N, C) logits and (N,) labels to MSELoss
# expect: criterion = nn.MSELoss()
# category: notebook/state
# made-at: 45
# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N_CLASSES = 4

# %%
X = torch.randn(400, 16)
y_cls = torch.randint(0, N_CLASSES, (400,))
y_reg = X[:, :3].sum(1, keepdim=True) + 0.1 * torch.randn(400, 1)
X_val, y_val_cls = torch.randn(100, 16), torch.randint(0, N_CLASSES, (100,))

# %%
clf = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, N_CLASSES))
criterion = nn.CrossEntropyLoss()
opt = torch.optim.Adam(clf.parameters(), lr=1e-3)
for epoch in range(30):
    loss = criterion(clf(X), y_cls)
    opt.zero_grad()
    loss.backward()
    opt.step()


# %%
def evaluate_classifier():
    clf.eval()
    with torch.no_grad():
        logits = clf(X_val)
        val_loss = criterion(logits, y_val_cls)
        acc = (logits.argmax(1) == y_val_cls).float().mean()
    print(f"val loss {val_loss.item():.3f}  acc {acc.item():.3f}")


evaluate_classifier()

# %%
# second experiment: regression head on the same features
reg = nn.Sequential(nn.Linear(16, 64), nn.ReLU(), nn.Linear(64, 1))
criterion = nn.MSELoss()
opt_r = torch.optim.Adam(reg.parameters(), lr=1e-3)
for epoch in range(30):
    loss = criterion(reg(X), y_reg)
    opt_r.zero_grad()
    loss.backward()
    opt_r.step()
print("reg mse", loss.item())

# %%
# compare again with the classifier after a few more epochs
clf.train()
for epoch in range(5):
    loss = F.cross_entropy(clf(X), y_cls)
    opt.zero_grad()
    loss.backward()
    opt.step()
evaluate_classifier()
