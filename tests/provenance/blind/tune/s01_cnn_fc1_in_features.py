# fc1 in_features computed for 28x28 inputs but the CIFAR-sized 32x32 images give 16*5*5 features after the convs
# expect: self.fc1
# category: shape/matmul-mismatch
# made-at: 19
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class LeNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def get_data():
    images = torch.rand(64, 3, 32, 32)
    labels = torch.randint(0, 10, (64,))
    return DataLoader(TensorDataset(images, labels), batch_size=16, shuffle=True)


def train(net, loader, epochs=1):
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
    for epoch in range(epochs):
        running_loss = 0.0
        for i, (inputs, labels) in enumerate(loader):
            optimizer.zero_grad()
            outputs = net(inputs)
            loss = criterion(outputs, labels)
            loss.backward()
            optimizer.step()
            running_loss += loss.item()
        print(f"[{epoch + 1}] loss: {running_loss / (i + 1):.3f}")


if __name__ == "__main__":
    net = LeNet()
    train(net, get_data())

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (16x400 and 256x120)
