# UNet decoder conv declared with the upsampled channel count only, forgetting the concatenated skip channels
# expect: self.dec1
# category: shape/conv-channels
# made-at: 28
import torch
import torch.nn as nn

torch.manual_seed(0)


def double_conv(cin, cout):
    return nn.Sequential(
        nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
        nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True),
    )


class MiniUNet(nn.Module):
    def __init__(self, in_ch=1, n_classes=2, base=16):
        super().__init__()
        self.enc1 = double_conv(in_ch, base)
        self.enc2 = double_conv(base, base * 2)
        self.pool = nn.MaxPool2d(2)
        self.bottleneck = double_conv(base * 2, base * 4)
        self.up2 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.dec2 = double_conv(base * 4, base * 2)
        self.up1 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.dec1 = nn.Sequential(
            nn.Conv2d(base, base, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(base, base, 3, padding=1), nn.ReLU(inplace=True),
        )
        self.out = nn.Conv2d(base, n_classes, 1)

    def forward(self, x):
        e1 = self.enc1(x)
        e2 = self.enc2(self.pool(e1))
        b = self.bottleneck(self.pool(e2))
        d2 = self.dec2(torch.cat([self.up2(b), e2], dim=1))
        d1 = self.dec1(torch.cat([self.up1(d2), e1], dim=1))
        return self.out(d1)


model = MiniUNet()
masks = torch.randint(0, 2, (2, 64, 64))
logits = model(torch.rand(2, 1, 64, 64))
loss = nn.functional.cross_entropy(logits, masks)
loss.backward()

# raises: RuntimeError: Given groups=1, weight of size [16, 16, 3, 3], expected input[2, 32, 64, 64] to have 16 channels, but got 32 channels instead
