# The U-Net's base width (24) is smaller than, and not divisible by, the 32 groups used in every GroupNorm
# expect: "base_channels": 24
# also-accept: GROUPS, nn.GroupNorm(GROUPS, out_ch)
# category: config/value
# made-at: 10
import torch
import torch.nn as nn

GROUPS = 32
CONFIG = {"in_channels": 1, "base_channels": 24, "depth": 3}


def conv_block(in_ch, out_ch):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, padding=1),
        nn.GroupNorm(GROUPS, out_ch),
        nn.SiLU(),
        nn.Conv2d(out_ch, out_ch, 3, padding=1),
        nn.GroupNorm(GROUPS, out_ch),
        nn.SiLU(),
    )


class UNetEncoder(nn.Module):
    def __init__(self, in_channels, base_channels, depth):
        super().__init__()
        chans = [base_channels * 2**i for i in range(depth)]
        self.blocks = nn.ModuleList()
        prev = in_channels
        for c in chans:
            self.blocks.append(conv_block(prev, c))
            prev = c
        self.pool = nn.MaxPool2d(2)

    def forward(self, x):
        skips = []
        for block in self.blocks:
            x = block(x)
            skips.append(x)
            x = self.pool(x)
        return x, skips


enc = UNetEncoder(**CONFIG)
print(enc(torch.randn(1, 1, 64, 64))[0].shape)
