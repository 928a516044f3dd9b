# the checkpoint was saved from the torch.compile wrapper, so every key carries "_orig_mod." and the plain model rejects them
# expect: compiled_model
# also-accept: compiled_model.state_dict(), state
# category: checkpoint/key-mismatch
# made-at: 28
import os
import tempfile
from types import SimpleNamespace

import torch
import torch.nn as nn

cfg = SimpleNamespace(dim=16, hidden=32, steps=3, lr=1e-2, compile=True, backend="eager")
ckpt_dir = tempfile.mkdtemp(prefix="compiled_")


class Regressor(nn.Module):
    def __init__(self, dim, hidden):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(x).squeeze(-1)


def fit(cfg):
    model = Regressor(cfg.dim, cfg.hidden)
    compiled_model = torch.compile(model, backend=cfg.backend) if cfg.compile else model
    opt = torch.optim.AdamW(compiled_model.parameters(), lr=cfg.lr)
    for step in range(cfg.steps):
        x = torch.randn(64, cfg.dim)
        y = x.sum(1)
        loss = nn.functional.mse_loss(compiled_model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"step {step} loss {loss.item():.3f}")
    path = os.path.join(ckpt_dir, "regressor.pt")
    torch.save(compiled_model.state_dict(), path)
    return path


def load_for_serving(path, cfg):
    model = Regressor(cfg.dim, cfg.hidden)
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state)
    return model.eval()


ckpt = fit(cfg)
server_model = load_for_serving(ckpt, cfg)
print(server_model(torch.randn(2, cfg.dim)))
