# The generator output is clamped in place (fake.clamp_) after tanh, which saved that output for its backward, so g_loss.backward() fails
# expect: fake
# also-accept: fake.clamp_
# category: autograd/inplace-modified
# made-at: 43
import torch
import torch.nn as nn

opt_cfg = {"latent": 8, "img": 28 * 28, "bs": 16, "lr": 2e-4, "steps": 3}


class Generator(nn.Module):
    def __init__(self, latent, out):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(latent, 128), nn.ReLU(), nn.Linear(128, out), nn.Tanh())

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, inp):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(inp, 128), nn.LeakyReLU(0.2), nn.Linear(128, 1))

    def forward(self, x):
        return self.net(x)


def real_batch(n):
    return torch.rand(n, opt_cfg["img"]) * 2 - 1


torch.manual_seed(0)
gen, disc = Generator(opt_cfg["latent"], opt_cfg["img"]), Discriminator(opt_cfg["img"])
g_opt = torch.optim.Adam(gen.parameters(), lr=opt_cfg["lr"])
d_opt = torch.optim.Adam(disc.parameters(), lr=opt_cfg["lr"])
bce = nn.BCEWithLogitsLoss()

for step in range(opt_cfg["steps"]):
    z = torch.randn(opt_cfg["bs"], opt_cfg["latent"])
    fake = gen(z)
    fake.clamp_(-0.99, 0.99)  # keep pixels strictly inside (-1, 1) for the atanh-based metric

    d_opt.zero_grad()
    d_loss = bce(disc(real_batch(opt_cfg["bs"])), torch.ones(opt_cfg["bs"], 1))
    d_loss = d_loss + bce(disc(fake.detach()), torch.zeros(opt_cfg["bs"], 1))
    d_loss.backward()
    d_opt.step()

    g_opt.zero_grad()
    g_loss = bce(disc(fake), torch.ones(opt_cfg["bs"], 1))
    g_loss.backward()
    g_opt.step()
    print(step, d_loss.item(), g_loss.item())

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [16, 784]], which is output 0 of Tanh, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradien
