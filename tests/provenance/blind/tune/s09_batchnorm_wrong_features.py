# BatchNorm2d after conv2 sized with the conv's input channels (32) instead of its 64 output channels
# expect: self.bn2
# category: shape/conv-channels
# made-at: 17
import torch
import torch.nn as nn

torch.manual_seed(0)


class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 32, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(32)
        self.conv2 = nn.Conv2d(32, 64, 3, stride=2, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.act = nn.SiLU()

    def forward(self, x):
        x = self.act(self.bn1(self.conv1(x)))
        x = self.act(self.bn2(self.conv2(x)))
        return x


enc = Encoder()
print(enc(torch.randn(4, 3, 32, 32)).shape)

# raises: RuntimeError: running_mean should contain 64 elements not 32
