# The real/fake labels are built as (batch,) while the discriminator outputs (batch, 1)
# expect: real_labels
# also-accept: torch.ones(b)
# category: shape/loss-target-size
# made-at: 23
import torch
import torch.nn as nn

torch.manual_seed(0)
LATENT = 16
DATA_DIM = 32

G = nn.Sequential(nn.Linear(LATENT, 64), nn.ReLU(), nn.Linear(64, DATA_DIM), nn.Tanh())
D = nn.Sequential(nn.Linear(DATA_DIM, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1), nn.Sigmoid())
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
bce = nn.BCELoss()

real_data = torch.tanh(torch.randn(512, DATA_DIM))


def make_labels(b):
    real_labels = torch.ones(b)
    fake_labels = torch.zeros(b)
    return real_labels, fake_labels


def d_step(real):
    b = real.size(0)
    real_labels, fake_labels = make_labels(b)
    z = torch.randn(b, LATENT)
    fake = G(z).detach()
    loss = bce(D(real), real_labels) + bce(D(fake), fake_labels)
    opt_d.zero_grad()
    loss.backward()
    opt_d.step()
    return loss.item()


for step in range(10):
    batch = real_data[torch.randint(0, 512, (64,))]
    print(step, d_step(batch))
