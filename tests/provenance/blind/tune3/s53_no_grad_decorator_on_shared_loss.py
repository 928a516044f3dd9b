# compute_loss was decorated with @torch.no_grad() to speed up validation, but the training loop uses it too
# expect: compute_loss
# also-accept: loss
# category: autograd/no-grad-helper
# made-at: 11
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@torch.no_grad()
def compute_loss(model, batch, criterion):
    x, y = batch
    return criterion(model(x), y)


class Trainer:
    def __init__(self, model, train_loader, val_loader, lr=1e-3):
        self.model = model
        self.train_loader, self.val_loader = train_loader, val_loader
        self.criterion = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)

    def train_epoch(self):
        self.model.train()
        for batch in self.train_loader:
            loss = compute_loss(self.model, batch, self.criterion)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()

    def validate(self):
        self.model.eval()
        losses = [compute_loss(self.model, b, self.criterion).item() for b in self.val_loader]
        return sum(losses) / len(losses)


def loaders():
    x, y = torch.randn(160, 12), torch.randint(0, 3, (160,))
    return (DataLoader(TensorDataset(x[:128], y[:128]), batch_size=32, shuffle=True),
            DataLoader(TensorDataset(x[128:], y[128:]), batch_size=32))


train_loader, val_loader = loaders()
trainer = Trainer(nn.Sequential(nn.Linear(12, 32), nn.ReLU(), nn.Linear(32, 3)), train_loader, val_loader)
for epoch in range(2):
    trainer.train_epoch()
    print(epoch, trainer.validate())
