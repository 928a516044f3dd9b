# the checkpoint pickles the TrainConfig dataclass itself, which torch.load's default weights_only=True refuses to unpickle
# expect: cfg
# also-accept: torch.load, torch.load(path)
# category: checkpoint/unpickling
# made-at: 40
import os
import tempfile
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class TrainConfig:
    in_dim: int = 10
    hidden: int = 32
    dropout: float = 0.1
    lr: float = 1e-3
    epochs: int = 3


def build_model(cfg: TrainConfig) -> nn.Module:
    return nn.Sequential(
        nn.Linear(cfg.in_dim, cfg.hidden), nn.ReLU(), nn.Dropout(cfg.dropout), nn.Linear(cfg.hidden, 1)
    )


def train_and_save(cfg: TrainConfig, path: str) -> None:
    model = build_model(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=cfg.lr)
    for epoch in range(cfg.epochs):
        x = torch.randn(128, cfg.in_dim)
        y = (x[:, :3].sum(1, keepdim=True) > 0).float()
        loss = nn.functional.binary_cross_entropy_with_logits(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}")
    torch.save({"state_dict": model.state_dict(), "config": cfg, "epoch": cfg.epochs}, path)


def load_model(path: str) -> nn.Module:
    checkpoint = torch.load(path)
    model = build_model(checkpoint["config"])
    model.load_state_dict(checkpoint["state_dict"])
    return model.eval()


if __name__ == "__main__":
    cfg = TrainConfig()
    path = os.path.join(tempfile.mkdtemp(prefix="cfgckpt_"), "model.pt")
    train_and_save(cfg, path)
    model = load_model(path)
    print(model(torch.randn(2, cfg.in_dim)))
