# The learning rate in the YAML-style config is written 3e-4, which YAML reads as a string, so the optimizer gets "3e-4"
# expect: "lr": "3e-4"
# category: config/type
# made-at: 13
import torch
import torch.nn as nn

# pasted from configs/tabular.yaml (yaml.safe_load turns `lr: 3e-4` into the string "3e-4")
CONFIG = {
    "model": {"in_features": 20, "hidden": [64, 32], "out_features": 1, "dropout": 0.1},
    "optim": {
        "name": "adam",
        "lr": "3e-4",
        "weight_decay": 0.0,
    },
    "train": {"epochs": 3, "batch_size": 32},
}


def build_model(cfg):
    layers = []
    d = cfg["in_features"]
    for h in cfg["hidden"]:
        layers += [nn.Linear(d, h), nn.ReLU(), nn.Dropout(cfg["dropout"])]
        d = h
    layers.append(nn.Linear(d, cfg["out_features"]))
    return nn.Sequential(*layers)


def build_optimizer(model, cfg):
    if cfg["name"] == "adam":
        return torch.optim.Adam(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    return torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=0.9)


def train(model, optimizer, x, y, cfg):
    loss_fn = nn.MSELoss()
    for epoch in range(cfg["epochs"]):
        perm = torch.randperm(len(x))
        total = 0.0
        for i in range(0, len(x), cfg["batch_size"]):
            idx = perm[i : i + cfg["batch_size"]]
            optimizer.zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
            total += loss.item()
        print(f"epoch {epoch}: {total:.3f}")


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(512, 20)
    y = x[:, :3].sum(dim=1, keepdim=True) + 0.1 * torch.randn(512, 1)
    model = build_model(CONFIG["model"])
    optimizer = build_optimizer(model, CONFIG["optim"])
    train(model, optimizer, x, y, CONFIG["train"])
