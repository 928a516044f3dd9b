# Accuracy computed as mean() of a bool comparison tensor in the validation helper
# expect: correct
# category: dtype/integer-requires-grad
# made-at: 26
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


def make_loaders():
    x = torch.randn(300, 10)
    y = (x[:, :3].sum(1) > 0).long()
    train = TensorDataset(x[:240], y[:240])
    val = TensorDataset(x[240:], y[240:])
    return DataLoader(train, batch_size=32, shuffle=True), DataLoader(val, batch_size=64)


@torch.no_grad()
def validate(model, loader):
    model.eval()
    accs = []
    for inputs, labels in loader:
        preds = model(inputs).argmax(dim=1)
        correct = preds == labels
        accs.append(correct.mean().item())
    return sum(accs) / len(accs)


def main():
    train_loader, val_loader = make_loaders()
    model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 2))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    crit = nn.CrossEntropyLoss()
    for epoch in range(2):
        model.train()
        for inputs, labels in train_loader:
            opt.zero_grad()
            crit(model(inputs), labels).backward()
            opt.step()
        print(f"epoch {epoch}: val acc {validate(model, val_loader):.3f}")


if __name__ == "__main__":
    main()

# raises: RuntimeError: mean(): could not infer output dtype. Input dtype must be either a floating point or complex dtype. Got: Bool
