# WGAN weight clipping calls p.clamp_ on the critic's parameters outside torch.no_grad()
# expect: p
# category: autograd/leaf-inplace
# made-at: 22
import torch
import torch.nn as nn

torch.manual_seed(0)
critic = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 1))
gen = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 2))
opt_c = torch.optim.RMSprop(critic.parameters(), lr=5e-5)
CLIP = 0.01

for it in range(3):
    real = torch.randn(64, 2) + 3
    fake = gen(torch.randn(64, 2)).detach()
    loss_c = critic(fake).mean() - critic(real).mean()
    opt_c.zero_grad()
    loss_c.backward()
    opt_c.step()
    for p in critic.parameters():
        p.clamp_(-CLIP, CLIP)

# raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
