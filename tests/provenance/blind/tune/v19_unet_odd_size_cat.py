# Input size 100 is not divisible by 8: after three poolings (50, 25, 12) the upsampled map is 24 wide vs the 25-wide skip
# expect: x
# also-accept: up
# category: shape/concat-mismatch
# made-at: 57
import torch
import torch.nn as nn

torch.manual_seed(0)


class Down(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU())
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        skip = self.conv(x)
        return self.pool(skip), skip


class Up(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.up = nn.ConvTranspose2d(cin, cout, 2, stride=2)
        self.conv = nn.Sequential(nn.Conv2d(cout * 2, cout, 3, padding=1), nn.ReLU())

    def forward(self, x, skip):
        up = self.up(x)
        return self.conv(torch.cat([up, skip], dim=1))


class UNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.d1 = Down(3, 8)
        self.d2 = Down(8, 16)
        self.d3 = Down(16, 32)
        self.bottleneck = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU())
        self.u3 = Up(64, 32)
        self.u2 = Up(32, 16)
        self.u1 = Up(16, 8)
        self.head = nn.Conv2d(8, 1, 1)

    def forward(self, x):
        x, s1 = self.d1(x)
        x, s2 = self.d2(x)
        x, s3 = self.d3(x)
        x = self.bottleneck(x)
        x = self.u3(x, s3)
        x = self.u2(x, s2)
        x = self.u1(x, s1)
        return self.head(x)


x = torch.rand(1, 3, 100, 100)
print(UNet()(x).shape)

# raises: RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 24 but got size 25 for tensor number 1 in the list.
