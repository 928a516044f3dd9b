# the validation criterion was built with reduction="none", so it returns per-element losses and .item() fails
# expect: val_criterion
# also-accept: nn.MSELoss(reduction="none")
# category: value/multi-element-scalar
# made-at: 28
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset, random_split

hp = {"lr": 1e-2, "epochs": 3, "bs": 16, "hidden": 32}


def make_dataset(n=160):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(n, 3, generator=g) * 4 - 2
    y = (x[:, :1] ** 2 - x[:, 1:2] + 0.5 * x[:, 2:]) + 0.05 * torch.randn(n, 1, generator=g)
    return TensorDataset(x, y)


train_set, val_set = random_split(make_dataset(), [128, 32], generator=torch.Generator().manual_seed(1))
train_loader = DataLoader(train_set, batch_size=hp["bs"], shuffle=True)
val_loader = DataLoader(val_set, batch_size=hp["bs"])

model = nn.Sequential(nn.Linear(3, hp["hidden"]), nn.Tanh(), nn.Linear(hp["hidden"], 1))
optimizer = torch.optim.Adam(model.parameters(), lr=hp["lr"])
criterion = nn.MSELoss()
# per-sample errors, for the error histogram at the end
val_criterion = nn.MSELoss(reduction="none")


def validate():
    model.eval()
    total = 0.0
    with torch.no_grad():
        for x, y in val_loader:
            total += val_criterion(model(x), y).item() * len(x)
    model.train()
    return total / len(val_set)


history = []
for epoch in range(hp["epochs"]):
    for x, y in train_loader:
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    history.append(validate())
    print(f"epoch {epoch}: val mse {history[-1]:.4f}")
