# The Dataset converts the class column to float32 together with the features, so cross_entropy gets float class indices
# expect: torch.tensor(row[-1], dtype=torch.float32)
# also-accept: label
# category: dtype/loss-target
# made-at: 30
import io
import random

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

random.seed(0)
csv_text = "f1,f2,f3,f4,label\n" + "\n".join(
    ",".join(f"{random.gauss(0, 1):.3f}" for _ in range(4)) + f",{random.randint(0, 2)}" for _ in range(120)
)


class CsvDataset(Dataset):
    def __init__(self, text):
        lines = io.StringIO(text).read().strip().split("\n")[1:]
        self.rows = [[float(v) for v in line.split(",")] for line in lines]

    def __len__(self):
        return len(self.rows)

    def __getitem__(self, idx):
        row = self.rows[idx]
        features = torch.tensor(row[:-1], dtype=torch.float32)
        label = torch.tensor(row[-1], dtype=torch.float32)
        return features, label


loader = DataLoader(CsvDataset(csv_text), batch_size=16, shuffle=True, num_workers=2)
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
criterion = nn.CrossEntropyLoss()
for epoch in range(2):
    for features, label in loader:
        loss = criterion(model(features), label)
        opt.zero_grad()
        loss.backward()
        opt.step()
