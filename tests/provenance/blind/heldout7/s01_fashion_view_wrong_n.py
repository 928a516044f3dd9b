# The flatten in forward hard-codes 16 * 4 * 4 (the size for 28x28 inputs) but the images are padded to 32x32, so the map is 16x5x5 and view(-1, ...) silently changes the batch size
# expect: x.view(-1, 16 * 4 * 4)
# also-accept: nn.Linear(16 * 4 * 4, 120)
# category: shape/view
# made-at: 55
# LeNet on FashionMNIST, adapted from the "Training a classifier" tutorial.
# (synthetic stand-in for the dataset so this runs offline)
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

classes = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")


class FakeFashionMNIST(Dataset):
    """28x28 grayscale images + labels, same layout as torchvision's FashionMNIST."""

    def __init__(self, n, train=True):
        g = torch.Generator().manual_seed(1 if train else 2)
        self.data = (torch.rand(n, 28, 28, generator=g) * 255).to(torch.uint8)
        self.targets = torch.randint(0, 10, (n,), generator=g)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, idx):
        img = self.data[idx].float().div(255.0).unsqueeze(0)
        img = (img - 0.5) / 0.5                       # Normalize((0.5,), (0.5,))
        img = F.pad(img, (2, 2, 2, 2))                # Pad(2): LeNet-5 expects 32x32
        return img, int(self.targets[idx])


trainset = FakeFashionMNIST(2000, train=True)
trainloader = DataLoader(trainset, batch_size=64, shuffle=True, num_workers=0)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 120)   # FashionMNIST is 28x28 -> 4x4 after two conv/pool
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)

for epoch in range(2):
    running_loss = 0.0
    for i, data in enumerate(trainloader, 0):
        inputs, labels = data

        optimizer.zero_grad()

        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()

        running_loss += loss.item()
        if i % 10 == 9:
            print(f"[{epoch + 1}, {i + 1:5d}] loss: {running_loss / 10:.3f}")
            running_loss = 0.0

print("Finished Training")
