# The run's checkpoint directory is only joined into a path, never created, so the first torch.save fails
# expect: self.ckpt_dir = os.path.join(cfg["out_dir"], cfg["run_name"])
# category: checkpoint/path
# made-at: 36
import os

import torch
import torch.nn as nn

cfg = {
    "out_dir": "runs",
    "run_name": "blind5_vae_beta4_no_such_dir",
    "epochs": 2,
    "lr": 1e-3,
    "latent": 4,
}


class VAE(nn.Module):
    def __init__(self, d=20, z=4):
        super().__init__()
        self.enc = nn.Linear(d, 2 * z)
        self.dec = nn.Sequential(nn.Linear(z, 32), nn.ReLU(), nn.Linear(32, d))

    def forward(self, x):
        mu, logvar = self.enc(x).chunk(2, dim=-1)
        z = mu + torch.randn_like(mu) * (0.5 * logvar).exp()
        return self.dec(z), mu, logvar


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.model = VAE(z=cfg["latent"])
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg["lr"])
        self.ckpt_dir = os.path.join(cfg["out_dir"], cfg["run_name"])

    def train_one_epoch(self, x):
        recon, mu, logvar = self.model(x)
        kl = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(-1).mean()
        loss = nn.functional.mse_loss(recon, x) + 4.0 * kl
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        return loss.item()

    def save(self, epoch):
        torch.save({"epoch": epoch, "model": self.model.state_dict()}, os.path.join(self.ckpt_dir, f"epoch_{epoch}.pt"))

    def fit(self, x):
        for epoch in range(self.cfg["epochs"]):
            print(epoch, self.train_one_epoch(x))
            self.save(epoch)


if __name__ == "__main__":
    torch.manual_seed(0)
    Trainer(cfg).fit(torch.randn(128, 20))
