# The generated batch is fed to the discriminator without .detach() in the D step, so D's backward also frees G's graph and the G step then backpropagates through it a second time
# expect: netD(fake)
# category: autograd/graph-reuse
# made-at: 79
# Simple GAN on a 2-D "ring of gaussians" toy distribution.
import math

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(42)

latent_dim = 16
batch_size = 128
lr = 2e-4
num_epochs = 5


def sample_ring(n, modes=8, radius=2.0, std=0.05):
    k = torch.randint(0, modes, (n,))
    angle = 2 * math.pi * k.float() / modes
    centers = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], dim=1)
    return centers + std * torch.randn(n, 2)


dataset = TensorDataset(sample_ring(4096))
dataloader = DataLoader(dataset, batch_size=batch_size, shuffle=True, drop_last=True)


class Generator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(latent_dim, 128), nn.ReLU(True),
            nn.Linear(128, 128), nn.ReLU(True),
            nn.Linear(128, 2),
        )

    def forward(self, z):
        return self.main(z)


class Discriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.main = nn.Sequential(
            nn.Linear(2, 128), nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(128, 128), nn.LeakyReLU(0.2, inplace=True),
            nn.Linear(128, 1),
        )

    def forward(self, x):
        return self.main(x).view(-1)


netG = Generator()
netD = Discriminator()
criterion = nn.BCEWithLogitsLoss()
optimizerD = torch.optim.Adam(netD.parameters(), lr=lr, betas=(0.5, 0.999))
optimizerG = torch.optim.Adam(netG.parameters(), lr=lr, betas=(0.5, 0.999))

real_label, fake_label = 1.0, 0.0

for epoch in range(num_epochs):
    for i, (real,) in enumerate(dataloader):
        b_size = real.size(0)
        noise = torch.randn(b_size, latent_dim)
        fake = netG(noise)

        ############################
        # (1) Update D: maximize log(D(x)) + log(1 - D(G(z)))
        ############################
        netD.zero_grad()
        label = torch.full((b_size,), real_label)
        errD_real = criterion(netD(real), label)
        errD_real.backward()
        label.fill_(fake_label)
        errD_fake = criterion(netD(fake), label)
        errD_fake.backward()
        errD = errD_real + errD_fake
        optimizerD.step()

        ############################
        # (2) Update G: maximize log(D(G(z)))
        ############################
        netG.zero_grad()
        label.fill_(real_label)
        output = netD(fake)
        errG = criterion(output, label)
        errG.backward()
        optimizerG.step()

        if i % 10 == 0:
            print(f"[{epoch}/{num_epochs}][{i}/{len(dataloader)}] Loss_D: {errD.item():.4f} Loss_G: {errG.item():.4f}")
