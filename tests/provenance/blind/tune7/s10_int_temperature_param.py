# The learnable temperature is created from the config value 1 (an int), so torch.tensor makes an int64 tensor and nn.Parameter refuses to make it require grad
# expect: torch.tensor(cfg["init_temperature"])
# also-accept: "init_temperature": 1
# category: dtype/integer
# made-at: 46
"""SimCLR-style contrastive pretraining on synthetic two-view data, config as a YAML-like dict."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

CONFIG = {
    "seed": 0,
    "data": {"num_samples": 1024, "dim": 48, "noise": 0.1},
    "model": {
        "hidden_dim": 128,
        "proj_dim": 32,
        "learnable_temperature": True,
        "init_temperature": 1,
    },
    "train": {"batch_size": 64, "epochs": 3, "lr": 3.0e-4, "weight_decay": 1.0e-6},
}


class TwoViewDataset(Dataset):
    def __init__(self, cfg):
        g = torch.Generator().manual_seed(cfg["seed"])
        self.x = torch.randn(cfg["num_samples"], cfg["dim"], generator=g)
        self.noise = cfg["noise"]

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        x = self.x[i]
        return x + self.noise * torch.randn_like(x), x + self.noise * torch.randn_like(x)


class ContrastiveModel(nn.Module):
    def __init__(self, in_dim, cfg):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(in_dim, cfg["hidden_dim"]), nn.ReLU(),
                                     nn.Linear(cfg["hidden_dim"], cfg["hidden_dim"]))
        self.projector = nn.Sequential(nn.ReLU(), nn.Linear(cfg["hidden_dim"], cfg["proj_dim"]))
        if cfg["learnable_temperature"]:
            self.temperature = nn.Parameter(torch.tensor(cfg["init_temperature"]))
        else:
            self.register_buffer("temperature", torch.tensor(cfg["init_temperature"]))

    def forward(self, x):
        return F.normalize(self.projector(self.encoder(x)), dim=-1)


def nt_xent(z1, z2, temperature):
    z = torch.cat([z1, z2])
    sim = z @ z.t() / temperature
    n = z1.size(0)
    sim.fill_diagonal_(float("-inf"))
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
    return F.cross_entropy(sim, targets)


def main(cfg):
    torch.manual_seed(cfg["seed"])
    ds = TwoViewDataset({**cfg["data"], "seed": cfg["seed"]})
    loader = DataLoader(ds, batch_size=cfg["train"]["batch_size"], shuffle=True, drop_last=True)
    model = ContrastiveModel(cfg["data"]["dim"], cfg["model"])
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["train"]["lr"], weight_decay=cfg["train"]["weight_decay"])
    for epoch in range(cfg["train"]["epochs"]):
        for v1, v2 in loader:
            loss = nt_xent(model(v1), model(v2), model.temperature)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: loss {loss.item():.4f} T={model.temperature.item():.3f}")


if __name__ == "__main__":
    main(CONFIG)
