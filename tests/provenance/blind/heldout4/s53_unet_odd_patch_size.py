# The patch size (100) is not divisible by 2**depth, so an upsampled map is one pixel short of its skip connection
# expect: "patch_size": 100
# also-accept: cfg["patch_size"]
# category: shape/cat-mismatch
# made-at: 14
import torch
import torch.nn as nn
import torch.nn.functional as F

cfg = {
    "in_ch": 3,
    "n_classes": 2,
    "base": 8,
    "patch_size": 100,
    "batch_size": 2,
}


def double_conv(i, o):
    return nn.Sequential(nn.Conv2d(i, o, 3, padding=1), nn.ReLU(), nn.Conv2d(o, o, 3, padding=1), nn.ReLU())


class UNet(nn.Module):
    def __init__(self, in_ch, n_classes, base):
        super().__init__()
        self.d1 = double_conv(in_ch, base)
        self.d2 = double_conv(base, base * 2)
        self.d3 = double_conv(base * 2, base * 4)
        self.bott = double_conv(base * 4, base * 8)
        self.u3 = nn.ConvTranspose2d(base * 8, base * 4, 2, stride=2)
        self.c3 = double_conv(base * 8, base * 4)
        self.u2 = nn.ConvTranspose2d(base * 4, base * 2, 2, stride=2)
        self.c2 = double_conv(base * 4, base * 2)
        self.u1 = nn.ConvTranspose2d(base * 2, base, 2, stride=2)
        self.c1 = double_conv(base * 2, base)
        self.out = nn.Conv2d(base, n_classes, 1)

    def forward(self, x):
        s1 = self.d1(x)
        s2 = self.d2(F.max_pool2d(s1, 2))
        s3 = self.d3(F.max_pool2d(s2, 2))
        b = self.bott(F.max_pool2d(s3, 2))
        x = self.c3(torch.cat([self.u3(b), s3], dim=1))
        x = self.c2(torch.cat([self.u2(x), s2], dim=1))
        x = self.c1(torch.cat([self.u1(x), s1], dim=1))
        return self.out(x)


def random_patches(n, size):
    imgs = torch.rand(n, cfg["in_ch"], size, size)
    masks = (imgs.mean(1) > 0.5).long()
    return imgs, masks


model = UNet(cfg["in_ch"], cfg["n_classes"], cfg["base"])
imgs, masks = random_patches(cfg["batch_size"], cfg["patch_size"])
loss = F.cross_entropy(model(imgs), masks)
loss.backward()
