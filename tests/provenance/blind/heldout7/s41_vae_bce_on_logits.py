# the VAE decoder returns raw logits (no sigmoid) but the reconstruction term uses F.binary_cross_entropy, which needs probabilities in [0, 1]
# expect: F.binary_cross_entropy(recon, x, reduction="sum")
# also-accept: self.fc_out(h)
# category: loss/range
# made-at: 47
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

# binarised 'digits': random 28x28 strokes
N = 512
data = (torch.rand(N, 784) > 0.8).float()
loader = DataLoader(TensorDataset(data), batch_size=64, shuffle=True)


class VAE(nn.Module):
    def __init__(self, latent=10):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc_mu = nn.Linear(256, latent)
        self.fc_logvar = nn.Linear(256, latent)
        self.fc_dec = nn.Linear(latent, 256)
        self.fc_out = nn.Linear(256, 784)

    def encode(self, x):
        h = F.relu(self.fc1(x))
        return self.fc_mu(h), self.fc_logvar(h)

    def reparameterize(self, mu, logvar):
        std = torch.exp(0.5 * logvar)
        return mu + torch.randn_like(std) * std

    def decode(self, z):
        h = F.relu(self.fc_dec(z))
        return self.fc_out(h)

    def forward(self, x):
        mu, logvar = self.encode(x)
        z = self.reparameterize(mu, logvar)
        return self.decode(z), mu, logvar


def vae_loss(recon, x, mu, logvar):
    bce = F.binary_cross_entropy(recon, x, reduction="sum")
    kld = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return bce + kld


model = VAE()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    total = 0.0
    for (x,) in loader:
        recon, mu, logvar = model(x)
        loss = vae_loss(recon, x, mu, logvar)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    print(f"epoch {epoch}: {total / N:.2f}")
