# Loss built with reduction="none" (to weight samples later) is backpropagated directly as a vector
# expect: criterion
# also-accept: loss
# category: autograd/nonscalar-backward
# made-at: 17
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
x = torch.randn(80, 6)
y = (x.sum(1) > 0).float()
w = torch.where(y > 0, 2.0, 1.0)
loader = DataLoader(TensorDataset(x, y, w), batch_size=16)

model = nn.Sequential(nn.Linear(6, 12), nn.ReLU(), nn.Linear(12, 1))
criterion = nn.BCEWithLogitsLoss(reduction="none")
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

for xb, yb, wb in loader:
    opt.zero_grad()
    loss = criterion(model(xb).squeeze(1), yb)
    loss.backward()
    opt.step()

# raises: RuntimeError: grad can be implicitly created only for scalar outputs
