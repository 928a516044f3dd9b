# sanity_check() turns autograd off globally with torch.set_grad_enabled(False) and never turns it back on, so the training loss has no graph
# expect: torch.set_grad_enabled(False)
# also-accept: sanity_check, torch.set_grad_enabled
# category: autograd/no-grad-fn
# made-at: 30
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Args:
    epochs = 2
    batch_size = 16
    lr = 0.01
    sanity_batches = 2


def build_loaders(args):
    g = torch.Generator().manual_seed(0)
    x = torch.randn(96, 10, generator=g)
    y = (x[:, 0] + x[:, 1] > 0).long()
    train = TensorDataset(x[:64], y[:64])
    val = TensorDataset(x[64:], y[64:])
    return DataLoader(train, args.batch_size, shuffle=True), DataLoader(val, args.batch_size)


def sanity_check(model, loader, n_batches):
    """Run a few validation batches before training, like Lightning does, to catch bugs early."""
    model.eval()
    torch.set_grad_enabled(False)
    for i, (x, y) in enumerate(loader):
        if i >= n_batches:
            break
        nn.functional.cross_entropy(model(x), y)
    model.train()
    print("sanity check passed")


def fit(model, train_loader, val_loader, args):
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
    sanity_check(model, val_loader, args.sanity_batches)
    for epoch in range(args.epochs):
        for x, y in train_loader:
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")


args = Args()
model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 2))
train_loader, val_loader = build_loaders(args)
fit(model, train_loader, val_loader, args)
