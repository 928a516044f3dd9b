# the discriminator step uses the generator's fake batch without .detach(), so d_loss.backward() frees the generator graph the generator step needs
# expect: fake
# also-accept: fake.detach()
# category: autograd/backward-twice
# made-at: 28
import torch
import torch.nn as nn

Z_DIM, X_DIM, BATCH = 8, 2, 64


def real_batch(n):
    angle = torch.rand(n) * 6.283
    return torch.stack([angle.cos(), angle.sin()], dim=1) + 0.05 * torch.randn(n, 2)


G = nn.Sequential(nn.Linear(Z_DIM, 32), nn.ReLU(), nn.Linear(32, X_DIM))
D = nn.Sequential(nn.Linear(X_DIM, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1))
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
ones = torch.ones(BATCH, 1)
zeros = torch.zeros(BATCH, 1)

for step in range(200):
    real = real_batch(BATCH)
    z = torch.randn(BATCH, Z_DIM)
    fake = G(z)

    # --- discriminator ---
    opt_d.zero_grad()
    d_loss = bce(D(real), ones) + bce(D(fake), zeros)
    d_loss.backward()
    opt_d.step()

    # --- generator ---
    opt_g.zero_grad()
    g_loss = bce(D(fake), ones)
    g_loss.backward()
    opt_g.step()

    if step % 50 == 0:
        print(f"step {step}: d {d_loss.item():.3f} g {g_loss.item():.3f}")
