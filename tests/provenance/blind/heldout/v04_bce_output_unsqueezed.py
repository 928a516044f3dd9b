# Binary classifier outputs (B,1) logits while the labels are (B,), and BCEWithLogitsLoss needs equal shapes
# expect: logits
# also-accept: labels
# category: shape/target-shape
# made-at: 21
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
x_all = torch.randn(96, 5)
y_all = (x_all[:, 0] * x_all[:, 1] > 0).float()
loader = DataLoader(TensorDataset(x_all, y_all), batch_size=16, shuffle=True)

model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 1))
criterion = nn.BCEWithLogitsLoss()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)

for epoch in range(3):
    for x, labels in loader:
        logits = model(x)
        loss = criterion(logits, labels)
        opt.zero_grad()
        loss.backward()
        opt.step()

# raises: ValueError: Target size (torch.Size([16])) must be the same as input size (torch.Size([16, 1]))
