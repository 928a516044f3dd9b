# D(fake) is computed once and reused for the generator loss after d_loss.backward() already freed its graph
# expect: d_fake
# category: autograd/backward-twice
# made-at: 26
import torch
import torch.nn as nn

latent_dim = 16
G = nn.Sequential(nn.Linear(latent_dim, 64), nn.ReLU(), nn.Linear(64, 32), nn.Tanh())
D = nn.Sequential(nn.Linear(32, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()


def real_batch(n=32):
    return torch.randn(n, 32).clamp(-1, 1)


for step in range(5):
    real = real_batch()
    z = torch.randn(real.size(0), latent_dim)
    fake = G(z)

    d_real = D(real)
    d_fake = D(fake)
    d_loss = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
    opt_d.zero_grad()
    d_loss.backward()
    opt_d.step()

    g_loss = bce(d_fake, torch.ones_like(d_fake))
    opt_g.zero_grad()
    g_loss.backward()
    opt_g.step()
    print(f"step {step} d={d_loss.item():.3f} g={g_loss.item():.3f}")
