# The validation helper runs the model without torch.no_grad() and calls .numpy() on the probabilities, which still require grad
# expect: probs
# also-accept: evaluate
# category: autograd/numpy-requires-grad
# made-at: 24
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def roc_auc(scores, labels):
    order = np.argsort(-scores)
    labels = labels[order]
    tp = np.cumsum(labels) / max(labels.sum(), 1)
    fp = np.cumsum(1 - labels) / max((1 - labels).sum(), 1)
    return float(np.trapezoid(tp, fp))


def evaluate(model, loader):
    model.eval()
    all_scores, all_labels = [], []
    for x, y in loader:
        probs = torch.sigmoid(model(x)).squeeze(1)
        all_scores.append(probs.numpy())
        all_labels.append(y.numpy())
    return roc_auc(np.concatenate(all_scores), np.concatenate(all_labels))


def train_one_epoch(model, loader, opt):
    model.train()
    for x, y in loader:
        loss = nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(1), y.float())
        opt.zero_grad()
        loss.backward()
        opt.step()


torch.manual_seed(0)
X = torch.randn(300, 8)
y = (X[:, 0] + X[:, 1] ** 2 > 1).long()
train_dl = DataLoader(TensorDataset(X[:240], y[:240]), batch_size=32, shuffle=True)
val_dl = DataLoader(TensorDataset(X[240:], y[240:]), batch_size=64)
model = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    train_one_epoch(model, train_dl, opt)
    print(f"epoch {epoch}: val AUC {evaluate(model, val_dl):.3f}")

# raises: RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
