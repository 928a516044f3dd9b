# The forward reshapes with the configured batch size instead of the batch's own size, which breaks on the last batch
# expect: self.batch_size
# also-accept: h.reshape(self.batch_size, -1)
# category: shape/reshape
# made-at: 23
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

BATCH_SIZE = 32
torch.manual_seed(0)


class PatchMLP(nn.Module):
    def __init__(self, batch_size, n_patches=16, d_patch=12, n_classes=5):
        super().__init__()
        self.batch_size = batch_size
        self.embed = nn.Linear(d_patch, 24)
        self.head = nn.Linear(n_patches * 24, n_classes)

    def forward(self, x):
        h = torch.relu(self.embed(x))
        h = h.reshape(self.batch_size, -1)
        return self.head(h)


X = torch.randn(200, 16, 12)
y = torch.randint(0, 5, (200,))
loader = DataLoader(TensorDataset(X, y), batch_size=BATCH_SIZE, shuffle=True)
model = torch.compile(PatchMLP(BATCH_SIZE), backend="eager")
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(1):
    for xb, yb in loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
