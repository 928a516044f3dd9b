# the trainer saves a dict with the weights under "model", and the inference loader passes the whole dict to load_state_dict
# expect: model.load_state_dict(torch.load(path, map_location="cpu"))
# also-accept: torch.save({"model": self.model.state_dict(), "optimizer": self.opt.state_dict(), "epoch": epoch}, path)
# category: checkpoint/structure
# made-at: 62
import os
import tempfile
from dataclasses import dataclass, field

import torch
import torch.nn as nn


@dataclass
class TrainConfig:
    in_dim: int = 16
    hidden: list = field(default_factory=lambda: [64, 32])
    n_classes: int = 4
    epochs: int = 3
    lr: float = 3e-3
    out_dir: str = field(default_factory=tempfile.mkdtemp)


def build_model(cfg):
    layers, d = [], cfg.in_dim
    for h in cfg.hidden:
        layers += [nn.Linear(d, h), nn.ReLU()]
        d = h
    layers.append(nn.Linear(d, cfg.n_classes))
    return nn.Sequential(*layers)


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.model = build_model(cfg)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr)
        g = torch.Generator().manual_seed(0)
        self.x = torch.randn(512, cfg.in_dim, generator=g)
        self.y = self.x[:, :cfg.n_classes].argmax(1)

    def save_checkpoint(self, epoch):
        path = os.path.join(self.cfg.out_dir, "last.pt")
        torch.save({"model": self.model.state_dict(), "optimizer": self.opt.state_dict(), "epoch": epoch}, path)
        return path

    def fit(self):
        path = None
        for epoch in range(self.cfg.epochs):
            for i in range(0, len(self.x), 64):
                loss = nn.functional.cross_entropy(self.model(self.x[i:i + 64]), self.y[i:i + 64])
                self.opt.zero_grad()
                loss.backward()
                self.opt.step()
            path = self.save_checkpoint(epoch)
            print(f"epoch {epoch} loss {loss.item():.4f}")
        return path


def load_for_inference(cfg, path):
    model = build_model(cfg)
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval()


if __name__ == "__main__":
    torch.manual_seed(0)
    cfg = TrainConfig()
    ckpt = Trainer(cfg).fit()
    model = load_for_inference(cfg, ckpt)
    with torch.no_grad():
        print(model(torch.randn(2, cfg.in_dim)).softmax(-1))
