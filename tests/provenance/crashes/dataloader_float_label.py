# A training loop over a DataLoader whose dataset yields float labels. The culprit is the
# tensor the dataset was built from, made float on line 13 (the batch only carries it).
# expect: targets
# expect-made-at: 13
# category: dtype/target-not-long
# roles: target
# message: but got (?P<found>\w+)
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

features = torch.randn(20, 6)
targets = torch.randint(0, 3, (20,)).float()
loader = DataLoader(TensorDataset(features, targets), batch_size=5, num_workers=0)
model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, 3))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

for _epoch in range(2):
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = criterion(model(xb), yb)
        loss.backward()
        optimizer.step()
