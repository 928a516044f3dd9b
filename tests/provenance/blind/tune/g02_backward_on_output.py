# Physics-informed loss helper returns the residual vector instead of its mean, and backward is called on it
# expect: residual_loss
# also-accept: residual
# category: autograd/nonscalar-backward
# made-at: 19
import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)


def residual_loss(model, t):
    t = t.requires_grad_(True)
    u = model(t)
    du_dt = torch.autograd.grad(u, t, torch.ones_like(u), create_graph=True)[0]
    residual = du_dt + u
    return residual ** 2


for it in range(3):
    t = torch.rand(64, 1)
    loss = residual_loss(net, t)
    opt.zero_grad()
    loss.backward()
    opt.step()

# raises: RuntimeError: grad can be implicitly created only for scalar outputs
