# The inverse-frequency class weights are built with numpy (float64) and wrapped with torch.from_numpy, so CrossEntropyLoss gets a Double weight next to Float logits
# expect: torch.from_numpy(class_weights)
# category: dtype/loss-weight
# made-at: 46
import json

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG = json.loads("""
{
    "seed": 21,
    "num_classes": 5,
    "in_dim": 30,
    "hidden": 96,
    "batch_size": 64,
    "epochs": 3,
    "lr": 0.002,
    "class_balance": "inverse_frequency"
}
""")

np.random.seed(CONFIG["seed"])
torch.manual_seed(CONFIG["seed"])

# imbalanced synthetic dataset
n = 3000
probs = np.array([0.55, 0.2, 0.12, 0.08, 0.05])
labels = np.random.choice(CONFIG["num_classes"], size=n, p=probs)
centers = np.random.randn(CONFIG["num_classes"], CONFIG["in_dim"])
features = centers[labels] + np.random.randn(n, CONFIG["in_dim"])

train_ds = TensorDataset(torch.tensor(features, dtype=torch.float32), torch.tensor(labels))
train_loader = DataLoader(train_ds, batch_size=CONFIG["batch_size"], shuffle=True)

counts = np.bincount(labels, minlength=CONFIG["num_classes"])
class_weights = counts.sum() / (CONFIG["num_classes"] * counts)
print("class weights:", np.round(class_weights, 3))

model = nn.Sequential(
    nn.Linear(CONFIG["in_dim"], CONFIG["hidden"]), nn.ReLU(),
    nn.Linear(CONFIG["hidden"], CONFIG["num_classes"]),
)
criterion = nn.CrossEntropyLoss(weight=torch.from_numpy(class_weights))
optimizer = torch.optim.Adam(model.parameters(), lr=CONFIG["lr"])

for epoch in range(CONFIG["epochs"]):
    for xb, yb in train_loader:
        logits = model(xb)
        loss = criterion(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: loss {loss.item():.4f}")
