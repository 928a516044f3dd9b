# the per-batch correctness buffer is sized with BATCH_SIZE, so the smaller last batch of the eval set no longer matches
# expect: torch.zeros(BATCH_SIZE)
# also-accept: correct, BATCH_SIZE
# category: shape/last-batch
# made-at: 31
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

BATCH_SIZE = 32
NUM_FEATURES = 20
NUM_CLASSES = 5

X_val = torch.randn(150, NUM_FEATURES)
y_val = torch.randint(0, NUM_CLASSES, (150,))
val_loader = DataLoader(TensorDataset(X_val, y_val), batch_size=BATCH_SIZE, shuffle=False)

model = nn.Sequential(nn.Linear(NUM_FEATURES, 64), nn.ReLU(), nn.Linear(64, NUM_CLASSES))


def evaluate(model, loader):
    model.eval()
    n_correct, n_seen = 0, 0
    per_class_hits = torch.zeros(NUM_CLASSES)
    with torch.no_grad():
        for xb, yb in loader:
            logits = model(xb)
            preds = logits.argmax(dim=1)
            correct = torch.zeros(BATCH_SIZE)
            correct += (preds == yb).float()
            n_correct += correct.sum().item()
            n_seen += yb.numel()
            per_class_hits.index_add_(0, yb, correct)
    return n_correct / n_seen, per_class_hits


acc, hits = evaluate(model, val_loader)
print(f"val acc: {acc:.3f}")
print("hits per class:", hits.tolist())
