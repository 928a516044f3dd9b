# Model's first conv expects 3-channel RGB, but the dataset yields 1-channel grayscale images
# expect: self.conv1
# also-accept: images
# category: shape/conv-channels
# made-at: 28
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class XRayDataset(Dataset):
    def __init__(self, n=40):
        self.images = torch.rand(n, 1, 48, 48)
        self.labels = torch.randint(0, 2, (n,))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i], self.labels[i]


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, 2)

    def forward(self, x):
        x = torch.relu(self.bn1(self.conv1(x)))
        x = torch.relu(self.conv2(x))
        return self.fc(self.pool(x).flatten(1))


loader = DataLoader(XRayDataset(), batch_size=8, shuffle=True)
net = Net()
opt = torch.optim.Adam(net.parameters())
for images, labels in loader:
    out = net(images)
    loss = nn.functional.cross_entropy(out, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

# raises: RuntimeError: Given groups=1, weight of size [16, 3, 3, 3], expected input[8, 1, 48, 48] to have 3 channels, but got 1 channels instead
