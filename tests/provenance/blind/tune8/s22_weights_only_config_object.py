# the checkpoint pickles a custom TrainConfig object, and torch.load now defaults to weights_only=True, so loading refuses it
# expect: torch.load(ckpt_path)
# also-accept: "config": cfg, cfg
# category: checkpoint/weights-only
# made-at: 35
import os
import tempfile
from dataclasses import dataclass
import torch
import torch.nn as nn

torch.manual_seed(0)
out = tempfile.mkdtemp()


@dataclass
class TrainConfig:
    in_dim: int = 12
    hidden: int = 48
    n_classes: int = 3
    lr: float = 1e-3


def build(cfg):
    return nn.Sequential(nn.Linear(cfg.in_dim, cfg.hidden), nn.ReLU(), nn.Linear(cfg.hidden, cfg.n_classes))


cfg = TrainConfig()
model = build(cfg)
ckpt_path = os.path.join(out, "best.ckpt")
torch.save({"config": cfg, "state_dict": model.state_dict(), "val_acc": 0.71}, ckpt_path)


def load_for_eval(ckpt_path):
    ckpt = torch.load(ckpt_path)
    m = build(ckpt["config"])
    m.load_state_dict(ckpt["state_dict"])
    return m.eval(), ckpt["val_acc"]


model, acc = load_for_eval(ckpt_path)
x = torch.randn(10, 12)
y = torch.randint(0, 3, (10,))
test_acc = (model(x).argmax(1) == y).float().mean().item()
print(f"checkpoint val acc {acc:.2f}, test acc {test_acc:.2f}")
