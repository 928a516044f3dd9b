# forward flattens with view(args.batch_size, -1); on the last batch of 4 the view silently succeeds with a wrong row size and fc fails
# expect: args.batch_size
# category: shape/matmul-mismatch
# made-at: 28
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument("--batch_size", type=int, default=32)
parser.add_argument("--epochs", type=int, default=1)
parser.add_argument("--lr", type=float, default=0.01)
args = parser.parse_args([])
torch.manual_seed(0)


class ConvNet(nn.Module):
    def __init__(self, args):
        super().__init__()
        self.args = args
        self.conv = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(8 * 14 * 14, 10)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(self.args.batch_size, -1)
        return self.fc(x)


dataset = TensorDataset(torch.rand(100, 1, 28, 28), torch.randint(0, 10, (100,)))
loader = DataLoader(dataset, batch_size=args.batch_size, shuffle=True)
model = ConvNet(args)
optimizer = torch.optim.SGD(model.parameters(), lr=args.lr)
criterion = nn.CrossEntropyLoss()

for epoch in range(args.epochs):
    for batch_idx, (data, target) in enumerate(loader):
        optimizer.zero_grad()
        loss = criterion(model(data), target)
        loss.backward()
        optimizer.step()
        if batch_idx % 2 == 0:
            print(f"epoch {epoch} batch {batch_idx} loss {loss.item():.4f}")

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x196 and 1568x10)
