# compute_loss is decorated with @torch.no_grad() (written for validation) and then reused in the training step
# expect: compute_loss
# also-accept: loss
# category: autograd/no-grad-fn
# made-at: 13
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


@torch.no_grad()
def compute_loss(model, batch, criterion):
    x, y = batch
    return criterion(model(x), y)


def train_epoch(model, loader, criterion, optimizer):
    model.train()
    for batch in loader:
        optimizer.zero_grad()
        loss = compute_loss(model, batch, criterion)
        loss.backward()
        optimizer.step()


def validate(model, loader, criterion):
    model.eval()
    return sum(compute_loss(model, b, criterion).item() for b in loader) / len(loader)


data = TensorDataset(torch.randn(60, 7), torch.randint(0, 2, (60,)))
loader = DataLoader(data, batch_size=20)
model = nn.Sequential(nn.Linear(7, 16), nn.ReLU(), nn.Linear(16, 2))
crit = nn.CrossEntropyLoss()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
print("val before:", validate(model, loader, crit))
train_epoch(model, loader, crit, opt)

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
