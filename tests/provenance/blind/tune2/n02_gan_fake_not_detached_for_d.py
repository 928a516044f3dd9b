# The discriminator loss uses D(fake) without .detach(), so d_loss.backward() frees the generator's graph that g_loss needs afterwards
# expect: fake
# also-accept: d_fake
# category: autograd/backward-twice
# made-at: 52
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class GANConfig:
    latent_dim: int = 16
    data_dim: int = 2
    hidden: int = 64
    batch_size: int = 32
    lr: float = 2e-4
    steps: int = 50


def make_mlp(inp, hidden, out, final=None):
    layers = [nn.Linear(inp, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, out)]
    if final is not None:
        layers.append(final)
    return nn.Sequential(*layers)


def sample_real(n):
    angle = torch.rand(n) * 6.2831
    return torch.stack([angle.cos(), angle.sin()], dim=1) + 0.05 * torch.randn(n, 2)


cfg = GANConfig()
torch.manual_seed(0)
G = make_mlp(cfg.latent_dim, cfg.hidden, cfg.data_dim, nn.Tanh())
D = make_mlp(cfg.data_dim, cfg.hidden, 1)
opt_g = torch.optim.Adam(G.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=cfg.lr, betas=(0.5, 0.999))
criterion = nn.BCEWithLogitsLoss()

for step in range(cfg.steps):
    real = sample_real(cfg.batch_size)
    z = torch.randn(cfg.batch_size, cfg.latent_dim)
    fake = G(z)
    ones = torch.ones(cfg.batch_size, 1)
    zeros = torch.zeros(cfg.batch_size, 1)

    # --- discriminator ---
    opt_d.zero_grad()
    d_real = D(real)
    d_fake = D(fake)
    d_loss = criterion(d_real, ones) + criterion(d_fake, zeros)
    d_loss.backward()
    opt_d.step()

    # --- generator ---
    opt_g.zero_grad()
    g_loss = criterion(D(fake), ones)
    g_loss.backward()
    opt_g.step()

    if step % 10 == 0:
        print(f"{step:3d} d={d_loss.item():.3f} g={g_loss.item():.3f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
