# Notebook: a plotting cell overwrote the integer labels `y` with their one-hot float version, and the training cell feeds them to nll_loss
# expect: y
# also-accept:
# category: shape/target-shape
# made-at: 18
# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
n_classes = 3
centers = torch.tensor([[0.0, 0.0], [3.0, 3.0], [0.0, 4.0]])
y = torch.randint(0, n_classes, (300,))
X = centers[y] + torch.randn(300, 2)

# %% class balance, as a stacked bar for the report
y = F.one_hot(y, n_classes).float()
counts = y.sum(0)
for c, n in enumerate(counts.tolist()):
    print(f"class {c}: {'#' * int(n // 5)} {int(n)}")

# %%
class SoftmaxRegression(nn.Module):
    def __init__(self, d_in, k):
        super().__init__()
        self.linear = nn.Linear(d_in, k)

    def forward(self, x):
        return F.log_softmax(self.linear(x), dim=1)


clf = SoftmaxRegression(2, n_classes)
optimizer = torch.optim.SGD(clf.parameters(), lr=0.1)

# %%
perm = torch.randperm(len(X))
train_idx, val_idx = perm[:240], perm[240:]
for epoch in range(20):
    for i in range(0, len(train_idx), 40):
        idx = train_idx[i : i + 40]
        loss = F.nll_loss(clf(X[idx]), y[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print("val acc", (clf(X[val_idx]).argmax(1) == y[val_idx]).float().mean().item())

# raises: RuntimeError: 0D or 1D target tensor expected, multi-target not supported
