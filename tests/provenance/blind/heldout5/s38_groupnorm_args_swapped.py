# GroupNorm is called with (channels, groups) instead of (num_groups, num_channels)
# expect: nn.GroupNorm(out_ch, groups)
# category: config/argument-order
# made-at: 12
import torch
import torch.nn as nn


def conv_block(in_ch, out_ch, groups=8):
    return nn.Sequential(
        nn.Conv2d(in_ch, out_ch, 3, padding=1, bias=False),
        nn.GroupNorm(out_ch, groups),
        nn.SiLU(),
    )


class SmallDenoiser(nn.Module):
    def __init__(self, ch=3, widths=(64, 128)):
        super().__init__()
        self.down1 = conv_block(ch, widths[0])
        self.down2 = conv_block(widths[0], widths[1])
        self.pool = nn.AvgPool2d(2)
        self.up = nn.Upsample(scale_factor=2)
        self.mid = conv_block(widths[1], widths[0])
        self.out = nn.Conv2d(widths[0] * 2, ch, 1)

    def forward(self, x):
        h1 = self.down1(x)
        h2 = self.down2(self.pool(h1))
        u = self.up(self.mid(h2))
        return self.out(torch.cat([u, h1], dim=1))


def train_step(model, opt, clean):
    noisy = clean + 0.1 * torch.randn_like(clean)
    loss = nn.functional.mse_loss(model(noisy), clean)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    model = SmallDenoiser()
    opt = torch.optim.Adam(model.parameters(), lr=2e-4)
    print(train_step(model, opt, torch.rand(4, 3, 32, 32)))
