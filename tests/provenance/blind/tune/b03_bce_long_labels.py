# Binary labels kept as int64 for BCEWithLogitsLoss, which needs float targets
# expect: labels
# category: dtype/target-not-float
# made-at: 12
import torch
import torch.nn as nn

torch.manual_seed(0)

# %%
emails = torch.randn(64, 20)
labels = (emails.sum(dim=1) > 0).long()

# %%
clf = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 1))
loss_fn = nn.BCEWithLogitsLoss()
optim = torch.optim.Adam(clf.parameters(), lr=1e-2)

# %%
for epoch in range(5):
    optim.zero_grad()
    logits = clf(emails).squeeze(1)
    loss = loss_fn(logits, labels)
    loss.backward()
    optim.step()
    print(epoch, loss.item())

# raises: RuntimeError: result type Float can't be cast to the desired output type Long
