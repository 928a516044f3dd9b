# The discriminator step scores the generated batch without detaching it, so its backward frees the generator's graph
# expect: D(fake)
# also-accept: fake
# category: autograd/backward-twice
# made-at: 46
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class Generator(nn.Module):
    def __init__(self, z_dim=8, out_dim=2):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(z_dim, 32), nn.ReLU(), nn.Linear(32, out_dim))

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, in_dim=2):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1))

    def forward(self, x):
        return self.net(x)


def sample_real(n):
    angle = torch.rand(n) * 6.283
    return torch.stack([angle.cos(), angle.sin()], dim=1)


G, D = Generator(), Discriminator()
opt_g = torch.optim.Adam(G.parameters(), lr=1e-3)
opt_d = torch.optim.Adam(D.parameters(), lr=1e-3)

for it in range(20):
    real = sample_real(64)
    fake = G(torch.randn(64, 8))

    # discriminator
    d_real = D(real)
    d_fake = D(fake)
    loss_d = F.binary_cross_entropy_with_logits(d_real, torch.ones_like(d_real)) + \
        F.binary_cross_entropy_with_logits(d_fake, torch.zeros_like(d_fake))
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()

    # generator
    g_out = D(fake)
    loss_g = F.binary_cross_entropy_with_logits(g_out, torch.ones_like(g_out))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
