# GAN: the discriminator step uses `fake` without .detach(), freeing the generator's graph before the generator step
# expect: fake
# category: autograd/backward-twice
# made-at: 25
import torch
import torch.nn as nn

torch.manual_seed(0)
latent_dim, data_dim, bs = 8, 16, 32

G = nn.Sequential(nn.Linear(latent_dim, 32), nn.ReLU(), nn.Linear(32, data_dim))
D = nn.Sequential(nn.Linear(data_dim, 32), nn.LeakyReLU(0.2), nn.Linear(32, 1))
opt_G = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_D = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()


def real_batch():
    return torch.randn(bs, data_dim) * 0.5 + 1.0


for step in range(3):
    real = real_batch()
    z = torch.randn(bs, latent_dim)
    fake = G(z)

    # --- discriminator ---
    opt_D.zero_grad()
    d_real = D(real)
    d_fake = D(fake)
    d_loss = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
    d_loss.backward()
    opt_D.step()

    # --- generator ---
    opt_G.zero_grad()
    g_out = D(fake)
    g_loss = bce(g_out, torch.ones_like(g_out))
    g_loss.backward()
    opt_G.step()
    print(step, d_loss.item(), g_loss.item())

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the grap...
