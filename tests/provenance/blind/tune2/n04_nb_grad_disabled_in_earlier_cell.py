# Notebook: a "quick look" cell turned autograd off globally with torch.set_grad_enabled(False), so the training cell's loss has no grad_fn
# expect: torch.set_grad_enabled(False)
# also-accept: torch.set_grad_enabled
# category: autograd/no-grad-fn
# made-at: 21
# %%
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X = torch.randn(256, 12)
w_true = torch.randn(12, 1)
y = (X @ w_true + 0.1 * torch.randn(256, 1)).squeeze(1)
loader = DataLoader(TensorDataset(X, y), batch_size=32, shuffle=True)

# %%
model = nn.Sequential(nn.Linear(12, 32), nn.Tanh(), nn.Linear(32, 1))

# %% sanity check of the untrained model (no need for gradients here)
torch.set_grad_enabled(False)
preds = model(X[:5]).squeeze(1)
print("untrained:", [round(p, 3) for p in preds.tolist()])
print("targets:  ", [round(t, 3) for t in y[:5].tolist()])

# %%
def train_epoch(model, loader, opt, loss_fn):
    model.train()
    total = 0.0
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb).squeeze(1), yb)
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    return total / len(loader.dataset)


opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for epoch in range(5):
    print(epoch, train_epoch(model, loader, opt, nn.MSELoss()))

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
