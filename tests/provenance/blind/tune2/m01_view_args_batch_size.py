# forward flattens with x.view(args.batch_size, -1), so the smaller last batch is folded into the wrong number of rows
# expect: args.batch_size
# also-accept: x.view(args.batch_size, -1)
# category: shape/matmul-mismatch
# made-at: 35
import argparse

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


def get_args():
    p = argparse.ArgumentParser(description="small CNN on synthetic digits")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-2)
    return p.parse_args()


args = get_args()


class SmallCNN(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16 * 4 * 4, num_classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(args.batch_size, -1)
        return self.fc(x)


def make_loader():
    g = torch.Generator().manual_seed(0)
    images = torch.rand(200, 1, 16, 16, generator=g)
    labels = torch.randint(0, 10, (200,), generator=g)
    return DataLoader(TensorDataset(images, labels), batch_size=args.batch_size, shuffle=True)


def train_one_epoch(model, loader, optimizer, epoch):
    model.train()
    total = 0.0
    for step, (images, labels) in enumerate(loader):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch}: loss {total / len(loader):.3f}")


def main():
    torch.manual_seed(0)
    model = SmallCNN()
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9)
    loader = make_loader()
    for epoch in range(args.epochs):
        train_one_epoch(model, loader, optimizer, epoch)


if __name__ == "__main__":
    main()
