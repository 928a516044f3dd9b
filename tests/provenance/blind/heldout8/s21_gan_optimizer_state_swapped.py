# the checkpoint stores the discriminator optimizer's state under "opt_g", so resuming loads it into the generator optimizer whose param groups differ
# expect: opt_d.state_dict()
# also-accept: "opt_g": opt_d.state_dict()
# category: checkpoint/optimizer
# made-at: 39
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)
run_dir = tempfile.mkdtemp()
Z = 16


def make_nets():
    G = nn.Sequential(nn.Linear(Z, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 2))
    D = nn.Sequential(nn.Linear(2, 64), nn.LeakyReLU(0.2), nn.Linear(64, 1))
    return G, D


def train(G, D, opt_g, opt_d, steps):
    bce = nn.BCEWithLogitsLoss()
    for _ in range(steps):
        real = torch.randn(32, 2) * 0.5 + 2
        fake = G(torch.randn(32, Z))
        d_loss = bce(D(real), torch.ones(32, 1)) + bce(D(fake.detach()), torch.zeros(32, 1))
        opt_d.zero_grad(); d_loss.backward(); opt_d.step()
        g_loss = bce(D(fake), torch.ones(32, 1))
        opt_g.zero_grad(); g_loss.backward(); opt_g.step()
    return d_loss.item(), g_loss.item()


def save_checkpoint(path, G, D, opt_g, opt_d, step):
    torch.save({
        "step": step,
        "G": G.state_dict(),
        "D": D.state_dict(),
        "opt_g": opt_d.state_dict(),
        "opt_d": opt_d.state_dict(),
    }, path)


G, D = make_nets()
opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
print("losses", train(G, D, opt_g, opt_d, 20))
ckpt_path = os.path.join(run_dir, "gan_step20.pt")
save_checkpoint(ckpt_path, G, D, opt_g, opt_d, 20)

# ---- resume in a fresh session ----
G2, D2 = make_nets()
opt_g2 = torch.optim.Adam(G2.parameters(), lr=2e-4, betas=(0.5, 0.999))
opt_d2 = torch.optim.Adam(D2.parameters(), lr=2e-4, betas=(0.5, 0.999))
ckpt = torch.load(ckpt_path)
G2.load_state_dict(ckpt["G"])
D2.load_state_dict(ckpt["D"])
opt_g2.load_state_dict(ckpt["opt_g"])
opt_d2.load_state_dict(ckpt["opt_d"])
print("resumed at step", ckpt["step"], train(G2, D2, opt_g2, opt_d2, 10))
