# OneCycleLR's steps_per_epoch is computed with floor division, but the DataLoader keeps the last smaller batch, so the scheduler is stepped more times than total_steps in the last epoch
# expect: len(train_ds) // cfg["batch_size"]
# category: optim/scheduler
# made-at: 26
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

cfg = {
    "seed": 0,
    "n_train": 1000,
    "batch_size": 64,
    "epochs": 4,
    "max_lr": 0.05,
    "weight_decay": 5e-4,
}
torch.manual_seed(cfg["seed"])

X = torch.randn(cfg["n_train"], 12)
y = (X[:, :3].sum(1) > 0).long()
train_ds = TensorDataset(X, y)
train_loader = DataLoader(train_ds, batch_size=cfg["batch_size"], shuffle=True)

model = nn.Sequential(nn.Linear(12, 64), nn.ReLU(), nn.Linear(64, 2))
optimizer = torch.optim.SGD(model.parameters(), lr=cfg["max_lr"], momentum=0.9, weight_decay=cfg["weight_decay"])
steps_per_epoch = len(train_ds) // cfg["batch_size"]
scheduler = torch.optim.lr_scheduler.OneCycleLR(
    optimizer, max_lr=cfg["max_lr"], epochs=cfg["epochs"], steps_per_epoch=steps_per_epoch
)
criterion = nn.CrossEntropyLoss()

for epoch in range(cfg["epochs"]):
    model.train()
    correct = 0
    for xb, yb in train_loader:
        logits = model(xb)
        loss = criterion(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        scheduler.step()
        correct += (logits.argmax(1) == yb).sum().item()
    print(f"epoch {epoch}: loss {loss.item():.4f} acc {correct / len(train_ds):.3f} lr {scheduler.get_last_lr()[0]:.5f}")
