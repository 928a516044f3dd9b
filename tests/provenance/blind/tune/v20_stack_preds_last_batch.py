# Collecting per-batch predictions with torch.stack fails because the last batch is smaller; should be torch.cat
# expect: all_preds
# category: shape/concat-mismatch
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
test_set = TensorDataset(torch.randn(70, 4))
test_loader = DataLoader(test_set, batch_size=32)
model = nn.Linear(4, 3).eval()

preds = []
with torch.no_grad():
    for (xb,) in test_loader:
        preds.append(model(xb).argmax(dim=1))
all_preds = torch.stack(preds)
print(all_preds.bincount())

# raises: RuntimeError: stack expects each tensor to be equal size, but got [32] at entry 0 and [6] at entry 2
