# 97 training samples with batch_size 32 leave a last batch of one sample, and BatchNorm1d in train mode cannot normalise it (drop_last=True is missing)
# expect: train_loader
# also-accept: BATCH_SIZE
# category: shape/batchnorm-single-sample
# made-at: 39
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset, random_split

BATCH_SIZE = 32
EPOCHS = 2


class ChurnDataset(Dataset):
    """Customer records: 10 numeric features, churned or not."""

    def __init__(self, n=122, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.x = torch.randn(n, 10, generator=g)
        self.y = (self.x[:, 0] - self.x[:, 3] > 0.5).float()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {"features": self.x[i], "churn": self.y[i]}


def build_model():
    return nn.Sequential(
        nn.Linear(10, 64), nn.BatchNorm1d(64), nn.ReLU(),
        nn.Linear(64, 32), nn.BatchNorm1d(32), nn.ReLU(),
        nn.Linear(32, 1),
    )


dataset = ChurnDataset()
train_set, val_set = random_split(dataset, [97, 25], generator=torch.Generator().manual_seed(0))
train_loader = DataLoader(train_set, batch_size=BATCH_SIZE, shuffle=True)
val_loader = DataLoader(val_set, batch_size=BATCH_SIZE)
model = build_model()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
criterion = nn.BCEWithLogitsLoss()

for epoch in range(EPOCHS):
    model.train()
    for batch in train_loader:
        logits = model(batch["features"]).squeeze(1)
        loss = criterion(logits, batch["churn"])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad():
        val_loss = sum(criterion(model(b["features"]).squeeze(1), b["churn"]).item() for b in val_loader)
    print(f"epoch {epoch}: val {val_loss / len(val_loader):.4f}")

# raises: ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 64])
