# The discriminator is frozen for the generator step (set_requires_grad(D, False)) and never unfrozen, so the next discriminator loss has no grad_fn
# expect: set_requires_grad(D, False)
# also-accept: D
# category: autograd/no-grad-fn
# made-at: 44
import torch
import torch.nn as nn


def set_requires_grad(module, flag):
    for p in module.parameters():
        p.requires_grad = flag


class Critic(nn.Module):
    def __init__(self, n=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))

    def forward(self, x):
        return self.net(x)


torch.manual_seed(0)
G = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 16))
D = Critic()
opt_G = torch.optim.Adam(G.parameters(), lr=1e-4, betas=(0.5, 0.9))
opt_D = torch.optim.Adam(D.parameters(), lr=1e-4, betas=(0.5, 0.9))
criterion = nn.BCEWithLogitsLoss()
history = []

for it in range(4):
    real = torch.randn(32, 16) * 0.5 + 1.0
    z = torch.randn(32, 4)

    # (1) update D: maximise log D(x) + log(1 - D(G(z)))
    opt_D.zero_grad()
    fake = G(z).detach()
    loss_D = criterion(D(real), torch.ones(32, 1)) + criterion(D(fake), torch.zeros(32, 1))
    loss_D.backward()
    opt_D.step()

    # (2) update G; D is fixed for this step
    set_requires_grad(D, False)
    opt_G.zero_grad()
    loss_G = criterion(D(G(z)), torch.ones(32, 1))
    loss_G.backward()
    opt_G.step()
    history.append((loss_D.item(), loss_G.item()))
    print(it, history[-1])

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
