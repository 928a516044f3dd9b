# The validation labels are stored one-hot, so the accuracy comparison of predicted indices against them cannot broadcast
# expect: F.one_hot(y_val, NUM_CLASSES).float()
# category: shape/target
# made-at: 20
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 10


def make_splits(seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(600, 30, generator=g)
    y = torch.randint(0, NUM_CLASSES, (600,), generator=g)
    x_tr, y_tr, x_val, y_val = x[:500], y[:500], x[500:], y[500:]
    train_ds = TensorDataset(x_tr, y_tr)
    # soft targets so the val loss matches the label-smoothed train loss
    val_ds = TensorDataset(x_val, F.one_hot(y_val, NUM_CLASSES).float())
    return train_ds, val_ds


def train_one_epoch(model, loader, opt):
    model.train()
    for xb, yb in loader:
        loss = F.cross_entropy(model(xb), yb, label_smoothing=0.1)
        opt.zero_grad()
        loss.backward()
        opt.step()


@torch.no_grad()
def evaluate(model, loader):
    model.eval()
    correct, total, loss_sum = 0, 0, 0.0
    for xb, yb in loader:
        logits = model(xb)
        loss_sum += F.cross_entropy(logits, yb, reduction="sum").item()
        correct += (logits.argmax(1) == yb).sum().item()
        total += xb.size(0)
    return loss_sum / total, correct / total


def main():
    torch.manual_seed(0)
    train_ds, val_ds = make_splits()
    train_loader = DataLoader(train_ds, batch_size=50, shuffle=True)
    val_loader = DataLoader(val_ds, batch_size=50)
    model = nn.Sequential(nn.Linear(30, 64), nn.ReLU(), nn.Linear(64, NUM_CLASSES))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(2):
        train_one_epoch(model, train_loader, opt)
        print(epoch, evaluate(model, val_loader))


if __name__ == "__main__":
    main()
