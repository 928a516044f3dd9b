# the per-epoch metric calls .numpy() on the sigmoid probabilities, which still require grad, instead of detaching them first
# expect: probs.numpy()
# also-accept: probs
# category: autograd/numpy
# made-at: 41
# %%
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
np.random.seed(0)

X = torch.randn(256, 10)
true_w = torch.randn(10)
y = ((X @ true_w + 0.3 * torch.randn(256)) > 0).float()

# %%
def roc_auc(scores, labels):
    # Mann-Whitney formulation
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = labels.sum()
    n_neg = len(labels) - n_pos
    return float((ranks[labels == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
loss_fn = nn.BCEWithLogitsLoss()

# %%
for epoch in range(5):
    logits = model(X).squeeze(1)
    loss = loss_fn(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    probs = torch.sigmoid(logits)
    auc = roc_auc(probs.numpy(), y.numpy())
    print(f"epoch {epoch}: loss={loss.item():.4f} auc={auc:.3f}")
