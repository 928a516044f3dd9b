# steps_per_epoch is computed with floor division, but the loader (no drop_last) yields one more, smaller batch per epoch, so OneCycleLR runs past its total
# expect: steps_per_epoch=len(train_ds) // cfg["batch_size"]
# category: optimizer/scheduler
# made-at: 19
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

cfg = {"batch_size": 64, "epochs": 3, "max_lr": 1e-2, "in_dim": 10}


def build(train_ds):
    model = nn.Sequential(nn.Linear(cfg["in_dim"], 32), nn.ReLU(), nn.Linear(32, 1))
    opt = torch.optim.SGD(model.parameters(), lr=cfg["max_lr"] / 25, momentum=0.9)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt,
        max_lr=cfg["max_lr"],
        epochs=cfg["epochs"],
        steps_per_epoch=len(train_ds) // cfg["batch_size"],
    )
    return model, opt, sched


def train_one_epoch(model, loader, opt, sched):
    for xb, yb in loader:
        loss = nn.functional.mse_loss(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return loss.item()


def main():
    torch.manual_seed(0)
    x = torch.randn(1000, cfg["in_dim"])
    y = x.sum(1, keepdim=True)
    train_ds = TensorDataset(x, y)
    loader = DataLoader(train_ds, batch_size=cfg["batch_size"], shuffle=True)
    model, opt, sched = build(train_ds)
    for epoch in range(cfg["epochs"]):
        print(epoch, train_one_epoch(model, loader, opt, sched), sched.get_last_lr())


main()
