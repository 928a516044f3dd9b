# The loss tensor itself (still attached to the graph) is appended to the running history instead of loss.item()
# expect: losses.append(loss)
# also-accept: losses, loss
# category: autograd/numpy-requires-grad
# made-at: 25
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def log_epoch(epoch, losses):
    print(f"epoch {epoch}: mean loss {np.mean(losses):.4f}")


def train_one_epoch(model, loader, opt, loss_fn):
    model.train()
    losses = []
    for x, y in loader:
        pred = model(x)
        loss = loss_fn(pred, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss)
    return losses


torch.manual_seed(0)
X = torch.randn(256, 8)
Y = X @ torch.randn(8, 1) + 0.1 * torch.randn(256, 1)
loader = DataLoader(TensorDataset(X, Y), batch_size=64, shuffle=True)
model = nn.Sequential(nn.Linear(8, 16), nn.Tanh(), nn.Linear(16, 1))
opt = torch.optim.SGD(model.parameters(), lr=0.05)
for epoch in range(3):
    losses = train_one_epoch(model, loader, opt, nn.MSELoss())
    log_epoch(epoch, losses)
