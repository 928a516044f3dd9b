# the loss registry hands back the class nn.CrossEntropyLoss, not an instance, so criterion(logits, y) calls the constructor with tensors
# expect: criterion
# also-accept: LOSSES[cfg.loss], LOSSES
# category: module/forward-misuse
# made-at: 27
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

LOSSES = {
    "ce": nn.CrossEntropyLoss,
    "nll": nn.NLLLoss,
    "focal": None,
}


class Cfg:
    loss = "ce"
    n_classes = 6
    in_dim = 12
    lr = 0.01
    epochs = 2


def build(cfg):
    model = nn.Sequential(nn.Linear(cfg.in_dim, 32), nn.ReLU(), nn.Linear(32, cfg.n_classes))
    criterion = LOSSES[cfg.loss]
    optimizer = torch.optim.SGD(model.parameters(), lr=cfg.lr)
    return model, criterion, optimizer


def data(cfg, n=96):
    g = torch.Generator().manual_seed(0)
    return TensorDataset(torch.randn(n, cfg.in_dim, generator=g), torch.randint(0, cfg.n_classes, (n,), generator=g))


cfg = Cfg()
model, criterion, optimizer = build(cfg)
for epoch in range(cfg.epochs):
    for x, y in DataLoader(data(cfg), batch_size=16, shuffle=True):
        logits = model(x)
        loss = criterion(logits, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, float(loss))
