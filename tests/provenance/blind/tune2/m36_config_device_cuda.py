# the config hard-codes device "cuda" and this machine's torch has no CUDA
# expect: CFG["device"]
# also-accept: cfg["device"], device
# category: device/cuda-unavailable
# made-at: 11
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CFG = {
    "device": "cuda",
    "seed": 1234,
    "epochs": 3,
    "batch_size": 32,
    "lr": 5e-4,
    "model": {"in_dim": 16, "hidden": [64, 64], "out_dim": 4},
}


def seed_everything(seed):
    torch.manual_seed(seed)


def build_mlp(in_dim, hidden, out_dim):
    layers, prev = [], in_dim
    for h in hidden:
        layers += [nn.Linear(prev, h), nn.ReLU()]
        prev = h
    layers.append(nn.Linear(prev, out_dim))
    return nn.Sequential(*layers)


def get_loader(cfg):
    x = torch.randn(256, cfg["model"]["in_dim"])
    y = torch.randint(0, cfg["model"]["out_dim"], (256,))
    return DataLoader(TensorDataset(x, y), batch_size=cfg["batch_size"], shuffle=True)


def main(cfg):
    seed_everything(cfg["seed"])
    device = torch.device(cfg["device"])
    model = build_mlp(**cfg["model"]).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
    loader = get_loader(cfg)
    for epoch in range(cfg["epochs"]):
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main(CFG)
