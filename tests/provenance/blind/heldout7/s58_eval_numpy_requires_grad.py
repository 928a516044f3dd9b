# the validation loop runs without torch.no_grad(), so the predicted probabilities still require grad and .numpy() refuses them when computing the AUC
# expect: probs.numpy()
# also-accept: torch.sigmoid(model(X)).squeeze(1)
# category: autograd/numpy
# made-at: 39
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)


def roc_auc(y_true, scores):
    """Mann-Whitney formulation of ROC AUC (stand-in for sklearn.metrics.roc_auc_score)."""
    order = np.argsort(scores)
    ranks = np.empty(len(scores))
    ranks[order] = np.arange(1, len(scores) + 1)
    n_pos = y_true.sum()
    n_neg = len(y_true) - n_pos
    return (ranks[y_true == 1].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


# credit-default style data
X = rng.standard_normal((2000, 10)).astype(np.float32)
logit = X[:, 0] - 0.5 * X[:, 3] + 0.3 * X[:, 7]
y = (rng.random(2000) < 1 / (1 + np.exp(-logit))).astype(np.float32)
X_tr, y_tr = torch.from_numpy(X[:1600]), torch.from_numpy(y[:1600])
X_va, y_va = torch.from_numpy(X[1600:]), y[1600:]

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Dropout(0.2), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.BCEWithLogitsLoss()


def validate(model, X, y):
    model.eval()
    probs = torch.sigmoid(model(X)).squeeze(1)
    auc = roc_auc(y, probs.numpy())
    model.train()
    return auc


for epoch in range(5):
    perm = torch.randperm(1600)
    for i in range(0, 1600, 128):
        idx = perm[i:i + 128]
        loss = loss_fn(model(X_tr[idx]).squeeze(1), y_tr[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}  val auc {validate(model, X_va, y_va):.4f}")
