# The batch helper moves the inputs to the device but returns the targets still on the CPU
# expect: return x.to(device), y
# also-accept: y
# category: device/mismatch
# made-at: 15
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("meta")  # stands in for "cuda"


def to_device(batch, device):
    x, y = batch
    return x.to(device), y


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.1), nn.Linear(64, 4))

    def forward(self, x):
        return self.body(x)


def train_epoch(model, loader, opt, loss_fn):
    for batch in loader:
        x, y = to_device(batch, device)
        loss = loss_fn(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


torch.manual_seed(0)
data = TensorDataset(torch.randn(64, 20), torch.randint(0, 4, (64,)))
model = Net().to(device)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
train_epoch(model, DataLoader(data, batch_size=16), opt, nn.CrossEntropyLoss())
