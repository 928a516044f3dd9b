# The classifier's input size assumes 8x8 feature maps, but 28x28 images pooled twice give 7x7 (64*7*7 features)
# expect: nn.Linear(64 * 8 * 8, 128)
# category: shape/flatten
# made-at: 16
import torch
import torch.nn as nn
import torch.nn.functional as F


class DigitNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(64 * 8 * 8, 128)
        self.fc2 = nn.Linear(128, 10)
        self.drop = nn.Dropout(0.25)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = self.drop(F.relu(self.fc1(x)))
        return self.fc2(x)


def main():
    torch.manual_seed(0)
    model = DigitNet()
    model = torch.compile(model)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    images = torch.rand(64, 1, 28, 28)
    labels = torch.randint(0, 10, (64,))
    for step in range(3):
        loss = F.cross_entropy(model(images), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())


if __name__ == "__main__":
    main()
