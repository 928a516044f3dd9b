# the multi-label targets are built as an int64 tensor, but BCEWithLogitsLoss needs float targets
# expect: labels
# also-accept: torch.tensor(label_rows)
# category: dtype/target
# made-at: 16
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

N, D, K = 96, 24, 6   # samples, features, tags

features = torch.randn(N, D)
label_rows = [[int(v) for v in (torch.rand(K) > 0.7)] for _ in range(N)]
labels = torch.tensor(label_rows)

val_loader = DataLoader(TensorDataset(features, labels), batch_size=16)
model = nn.Sequential(nn.Linear(D, 48), nn.ReLU(), nn.Linear(48, K))
criterion = nn.BCEWithLogitsLoss()


def f1_micro(preds, targets):
    tp = (preds * targets).sum()
    fp = (preds * (1 - targets)).sum()
    fn = ((1 - preds) * targets).sum()
    return (2 * tp / (2 * tp + fp + fn + 1e-8)).item()


model.eval()
total_loss, f1s = 0.0, []
with torch.no_grad():
    for xb, yb in val_loader:
        logits = model(xb)
        loss = criterion(logits, yb)
        total_loss += loss.item()
        preds = (torch.sigmoid(logits) > 0.5).long()
        f1s.append(f1_micro(preds, yb))

print(f"val loss {total_loss / len(val_loader):.4f}  micro-F1 {sum(f1s) / len(f1s):.3f}")
