# The label column is read from the CSV as text and never converted to int, so the batch of labels is a list of strings.
# expect: label
# also-accept: row[-1]
# category: dtype/target
# made-at: 42
import csv
import os
import tempfile

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

# write a small synthetic tabular file
tmp = tempfile.mkdtemp()
csv_path = os.path.join(tmp, "sensors.csv")
g = torch.Generator().manual_seed(0)
with open(csv_path, "w", newline="") as fh:
    w = csv.writer(fh)
    w.writerow(["f0", "f1", "f2", "f3", "f4", "f5", "label"])
    for _ in range(256):
        feats = torch.randn(6, generator=g).tolist()
        lab = int(torch.randint(0, 3, (1,), generator=g))
        w.writerow([f"{v:.4f}" for v in feats] + [lab])


class SensorCSV(Dataset):
    def __init__(self, path):
        with open(path) as fh:
            reader = csv.reader(fh)
            next(reader)
            self.rows = list(reader)

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows[idx]
        x = torch.tensor([float(v) for v in row[:-1]], dtype=torch.float32)
        label = row[-1]
        return x, label


ds = SensorCSV(csv_path)
loader = DataLoader(ds, batch_size=32, shuffle=True, num_workers=2)

model = nn.Sequential(nn.Linear(6, 32), nn.ReLU(), nn.Linear(32, 3))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

for epoch in range(3):
    total = 0.0
    for x, y in loader:
        optimizer.zero_grad()
        logits = model(x)
        loss = criterion(logits, y)
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch} loss {total / len(loader):.4f}")
