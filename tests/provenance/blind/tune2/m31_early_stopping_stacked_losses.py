# evaluate() returns the stacked per-batch losses instead of their mean, so the early-stopping comparison is on a multi-element tensor
# expect: val_loss
# also-accept: torch.stack(losses)
# category: value/ambiguous-bool
# made-at: 36
import copy

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class EarlyStopping:
    def __init__(self, patience=3):
        self.patience = patience
        self.best = float("inf")
        self.bad_epochs = 0
        self.best_state = None

    def step(self, val_loss, model):
        if val_loss < self.best:
            self.best = val_loss
            self.bad_epochs = 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def evaluate(model, loader, criterion):
    model.eval()
    losses = []
    with torch.no_grad():
        for x, y in loader:
            losses.append(criterion(model(x), y))
    return torch.stack(losses)


g = torch.Generator().manual_seed(0)
X = torch.randn(200, 5, generator=g)
Y = (X.sum(1) > 0).long()
train_loader = DataLoader(TensorDataset(X[:150], Y[:150]), batch_size=25, shuffle=True)
val_loader = DataLoader(TensorDataset(X[150:], Y[150:]), batch_size=25)

model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 2))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
stopper = EarlyStopping(patience=2)

for epoch in range(20):
    model.train()
    for x, y in train_loader:
        optimizer.zero_grad()
        criterion(model(x), y).backward()
        optimizer.step()
    val_loss = evaluate(model, val_loader, criterion)
    if stopper.step(val_loss, model):
        print("early stop at", epoch)
        break
