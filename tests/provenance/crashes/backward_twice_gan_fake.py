# A GAN whose generated batch feeds the discriminator's loss without .detach(): the
# discriminator's backward frees the generator's graph, the generator's backward needs it.
# expect: fake
# expect-made-at: 18
# category: autograd/backward-twice
# roles: hidden
# message: Trying to backward through the graph a second time
import torch
from torch import nn

generator = nn.Sequential(nn.Linear(4, 8), nn.Tanh())
discriminator = nn.Sequential(nn.Linear(8, 1))
bce = nn.BCEWithLogitsLoss()


def train_step(real):
    noise = torch.randn(real.shape[0], 4)
    fake = generator(noise)
    ones, zeros = torch.ones(real.shape[0], 1), torch.zeros(real.shape[0], 1)
    d_loss = bce(discriminator(real), ones) + bce(discriminator(fake), zeros)
    d_loss.backward()
    g_loss = bce(discriminator(fake), ones)
    g_loss.backward()


train_step(torch.randn(6, 8))
