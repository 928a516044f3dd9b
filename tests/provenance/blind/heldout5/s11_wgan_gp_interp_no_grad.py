# The gradient-penalty interpolates are built from plain data tensors and never get requires_grad_(), so autograd.grad has nothing to differentiate
# expect: interp = alpha * real + (1 - alpha) * fake.detach()
# category: autograd/no-grad
# made-at: 27
import torch
import torch.nn as nn

LATENT = 16
DIM = 2


def make_generator():
    return nn.Sequential(nn.Linear(LATENT, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, DIM))


def make_critic():
    return nn.Sequential(nn.Linear(DIM, 64), nn.LeakyReLU(0.2), nn.Linear(64, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))


def sample_real(n):
    angle = torch.rand(n) * 2 * torch.pi
    return torch.stack([torch.cos(angle), torch.sin(angle)], dim=1) * 2 + 0.05 * torch.randn(n, 2)


def gradient_penalty(critic, real, fake):
    alpha = torch.rand(real.size(0), 1)
    interp = alpha * real + (1 - alpha) * fake.detach()
    scores = critic(interp)
    grads = torch.autograd.grad(outputs=scores, inputs=interp, grad_outputs=torch.ones_like(scores), create_graph=True)[0]
    return ((grads.norm(2, dim=1) - 1) ** 2).mean()


def train(steps=50, batch=64, n_critic=5, lam=10.0):
    G, D = make_generator(), make_critic()
    opt_g = torch.optim.Adam(G.parameters(), lr=1e-4, betas=(0.5, 0.9))
    opt_d = torch.optim.Adam(D.parameters(), lr=1e-4, betas=(0.5, 0.9))
    for step in range(steps):
        for _ in range(n_critic):
            real = sample_real(batch)
            fake = G(torch.randn(batch, LATENT))
            d_loss = D(fake.detach()).mean() - D(real).mean() + lam * gradient_penalty(D, real, fake)
            opt_d.zero_grad()
            d_loss.backward()
            opt_d.step()
        g_loss = -D(G(torch.randn(batch, LATENT))).mean()
        opt_g.zero_grad()
        g_loss.backward()
        opt_g.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    train()
