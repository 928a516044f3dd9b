# precision="fp16" makes build_model call model.half(), so the parameters and their grads are fp16 and GradScaler refuses to unscale them
# expect: model = model.half()
# category: amp/half-params
# made-at: 25
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class Config:
    precision: str = "fp16"
    in_dim: int = 24
    hidden: int = 96
    epochs: int = 2
    batch_size: int = 32
    lr: float = 1e-3
    max_grad_norm: float = 1.0


def build_model(cfg):
    model = nn.Sequential(nn.Linear(cfg.in_dim, cfg.hidden), nn.GELU(), nn.LayerNorm(cfg.hidden), nn.Linear(cfg.hidden, 1))
    if cfg.precision == "fp16":
        model = model.half()
    return model


def train(cfg):
    torch.manual_seed(0)
    model = build_model(cfg)
    amp_dtype = torch.float16 if cfg.precision == "fp16" else torch.bfloat16
    scaler = torch.amp.GradScaler("cpu")
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    x_all = torch.randn(256, cfg.in_dim)
    y_all = x_all[:, :4].sum(1, keepdim=True)
    for epoch in range(cfg.epochs):
        for i in range(0, len(x_all), cfg.batch_size):
            x, y = x_all[i:i + cfg.batch_size], y_all[i:i + cfg.batch_size]
            with torch.autocast("cpu", dtype=amp_dtype):
                pred = model(x.to(amp_dtype))
                loss = nn.functional.mse_loss(pred.float(), y)
            opt.zero_grad()
            scaler.scale(loss).backward()
            scaler.unscale_(opt)
            nn.utils.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
            scaler.step(opt)
            scaler.update()
        print(epoch, loss.item())


if __name__ == "__main__":
    train(Config())
