# the residual block adds the shortcut in place (out += x) onto the ReLU output that ReLU's backward still needs
# expect: out
# also-accept: out += x
# category: autograd/inplace-modified
# made-at: 21
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


class ResBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x):
        out = F.relu(self.conv1(x))
        out = F.relu(self.conv2(out))
        out += x
        return out


class TinyResNet(nn.Module):
    def __init__(self, n_blocks=2, channels=16, n_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, channels, 3, padding=1)
        self.blocks = nn.Sequential(*[ResBlock(channels) for _ in range(n_blocks)])
        self.head = nn.Linear(channels, n_classes)

    def forward(self, x):
        x = self.blocks(self.stem(x))
        return self.head(x.mean(dim=(2, 3)))


def get_data():
    g = torch.Generator().manual_seed(0)
    return TensorDataset(torch.randn(32, 3, 16, 16, generator=g), torch.randint(0, 10, (32,), generator=g))


model = TinyResNet()
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4)
for epoch in range(4):
    for images, targets in DataLoader(get_data(), batch_size=8, shuffle=True):
        loss = F.cross_entropy(model(images), targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
    sched.step()
    print(epoch, loss.item())
