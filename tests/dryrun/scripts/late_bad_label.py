"""Class 7 in a 5-class problem, in batch 2 of 4 only (with -100 as padding elsewhere)."""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

features = torch.randn(64, 6)
labels = torch.randint(0, 5, (64,))
labels[3] = -100  # ignored: fine
labels[20] = 7  # batch 2 of 4
device = "cuda" if torch.cuda.is_available() else "cpu"
loader = DataLoader(TensorDataset(features, labels), batch_size=16)
model = nn.Linear(6, 5).to(device)
optimizer = torch.optim.Adam(model.parameters())
for x, y in loader:
    loss = nn.functional.cross_entropy(model(x.to(device)), y.to(device), ignore_index=-100)
    loss.backward()
    optimizer.step()
