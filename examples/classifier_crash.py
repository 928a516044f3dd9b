"""A classic first-week PyTorch crash: a classifier trained on float labels.

Run it under torchwhy to see the expert reading under the traceback:

    python -m torchwhy run examples/classifier_crash.py
"""

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

features = torch.randn(64, 20)
# Labels read from a CSV column come back as floats: 0.0, 1.0, 2.0 ...
labels = torch.randint(0, 3, (64,)).float()
loader = DataLoader(TensorDataset(features, labels), batch_size=16)

model = nn.Sequential(nn.Linear(20, 32), nn.ReLU(), nn.Linear(32, 3))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)


def train_step(batch_x: torch.Tensor, batch_y: torch.Tensor) -> float:
    optimizer.zero_grad()
    logits = model(batch_x)
    loss = criterion(logits, batch_y)
    loss.backward()
    optimizer.step()
    return loss.item()


for x, y in loader:
    print(f"loss {train_step(x, y):.3f}")
