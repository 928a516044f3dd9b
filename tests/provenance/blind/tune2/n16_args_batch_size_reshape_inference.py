# forward() reshapes with the training args.batch_size instead of x.size(0): inference on 3 samples is silently viewed as (32, 147) and reaches fc with the wrong width
# expect: args.batch_size
# also-accept: self.batch_size
# category: shape/matmul-mismatch
# made-at: 29
import argparse

import torch
import torch.nn as nn


def parse_args():
    parser = argparse.ArgumentParser(description="MNIST-ish classifier")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.01)
    return parser.parse_args([])


class ConvNet(nn.Module):
    def __init__(self, batch_size):
        super().__init__()
        self.batch_size = batch_size
        self.conv = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.fc = nn.Linear(8 * 14 * 14, 10)

    def forward(self, x):
        x = self.conv(x)
        x = x.view(self.batch_size, -1)
        return self.fc(x)


def train(model, args):
    opt = torch.optim.SGD(model.parameters(), lr=args.lr)
    for epoch in range(args.epochs):
        for _ in range(4):
            images = torch.rand(args.batch_size, 1, 28, 28)
            digits = torch.randint(0, 10, (args.batch_size,))
            loss = nn.functional.cross_entropy(model(images), digits)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.3f}")


@torch.no_grad()
def predict(model, images):
    model.eval()
    return model(images).argmax(dim=1)


if __name__ == "__main__":
    args = parse_args()
    torch.manual_seed(0)
    model = ConvNet(args.batch_size)
    train(model, args)
    samples = torch.rand(3, 1, 28, 28)
    print("predictions:", predict(model, samples).tolist())

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x147 and 1568x10)
