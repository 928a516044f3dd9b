# Early stopping compares a per-sample validation loss tensor with the best score using `<`
# expect: val_loss
# also-accept: criterion
# category: value/ambiguous-bool
# made-at: 44
import torch
import torch.nn as nn

torch.manual_seed(0)


class EarlyStopping:
    def __init__(self, patience=3):
        self.best = float("inf")
        self.patience = patience
        self.bad_epochs = 0

    def step(self, val_loss):
        if val_loss < self.best:
            self.best = val_loss
            self.bad_epochs = 0
        else:
            self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def evaluate(model, x, y, criterion):
    model.eval()
    with torch.no_grad():
        return criterion(model(x), y)


model = nn.Linear(5, 1)
criterion = nn.L1Loss(reduction="none")
opt = torch.optim.Adam(model.parameters())
xtr, ytr = torch.randn(50, 5), torch.randn(50, 1)
xva, yva = torch.randn(20, 5), torch.randn(20, 1)
stopper = EarlyStopping()
for epoch in range(10):
    model.train()
    opt.zero_grad()
    criterion(model(xtr), ytr).mean().backward()
    opt.step()
    val_loss = evaluate(model, xva, yva, criterion)
    if stopper.step(val_loss):
        break

# raises: RuntimeError: Boolean value of Tensor with more than one value is ambiguous
