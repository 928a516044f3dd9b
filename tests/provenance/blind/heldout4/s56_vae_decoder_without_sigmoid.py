# The VAE decoder ends in a plain Linear layer, but its output is fed to binary_cross_entropy, which needs values in [0, 1]
# expect: self.dec
# also-accept: nn.Linear(hidden, x_dim), F.binary_cross_entropy
# category: value/loss-input-range
# made-at: 17
import torch
import torch.nn as nn
import torch.nn.functional as F


class VAE(nn.Module):
    def __init__(self, x_dim=64, hidden=128, z_dim=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(x_dim, hidden), nn.ReLU())
        self.mu = nn.Linear(hidden, z_dim)
        self.logvar = nn.Linear(hidden, z_dim)
        self.dec = nn.Sequential(nn.Linear(z_dim, hidden), nn.ReLU(), nn.Linear(hidden, x_dim))

    def forward(self, x):
        h = self.enc(x)
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
        return self.dec(z), mu, logvar


def vae_loss(recon, x, mu, logvar):
    rec = F.binary_cross_entropy(recon, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (rec + kld) / x.size(0)


torch.manual_seed(0)
data = (torch.rand(256, 64) > 0.7).float()
model = VAE()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for i in range(0, 256, 32):
    x = data[i : i + 32]
    recon, mu, logvar = model(x)
    loss = vae_loss(recon, x, mu, logvar)
    opt.zero_grad()
    loss.backward()
    opt.step()
