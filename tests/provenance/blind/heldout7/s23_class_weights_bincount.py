# The class weights come from np.bincount without minlength; the rarest class (9) never appears in the training subset, so the weight vector has 9 entries for a 10-class loss
# expect: np.bincount(train_labels)
# category: loss/weight-size
# made-at: 31
# %% [markdown]
# # Defect classification on a subsample, with class-balanced loss

# %%
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

np.random.seed(7)
torch.manual_seed(7)
NUM_CLASSES = 10

# %%
# full label distribution is very long-tailed; class 9 ("crack") is rare
p = np.array([0.30, 0.20, 0.14, 0.10, 0.08, 0.07, 0.05, 0.03, 0.027, 0.003])
all_labels = np.random.choice(NUM_CLASSES, size=5000, p=p / p.sum())
all_feats = (np.random.randn(5000, 48) + all_labels[:, None] * 0.1).astype(np.float32)

# quick experiment: keep a random 400-sample subset
subset = np.random.choice(len(all_labels), size=400, replace=False)
train_feats, train_labels = all_feats[subset], all_labels[subset]
print("classes present in subset:", np.unique(train_labels))

# %%
counts = np.bincount(train_labels)
weights = torch.tensor(1.0 / np.maximum(counts, 1), dtype=torch.float32)
weights = weights / weights.sum() * len(weights)
print("weights:", weights)

# %%
model = nn.Sequential(nn.Linear(48, 128), nn.ReLU(), nn.Linear(128, NUM_CLASSES))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
loader = DataLoader(TensorDataset(torch.from_numpy(train_feats), torch.from_numpy(train_labels)),
                    batch_size=32, shuffle=True)

# %%
for epoch in range(3):
    for xb, yb in loader:
        loss = F.cross_entropy(model(xb), yb, weight=weights)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: {loss.item():.4f}")
