# The accumulated loss is never reset after its backward(), so the next accumulation window adds to a tensor whose graph was already freed and backward walks it again
# expect: accum_loss = accum_loss + loss / cfg.accum_steps
# category: autograd/backward-twice
# made-at: 25
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

cfg = SimpleNamespace(batch_size=16, accum_steps=4, lr=1e-3, epochs=1, max_grad_norm=1.0)


def build_model():
    return nn.Sequential(nn.Linear(24, 128), nn.GELU(), nn.LayerNorm(128), nn.Linear(128, 6))


def train_one_epoch(model, loader, opt):
    model.train()
    crit = nn.CrossEntropyLoss()
    accum_loss = 0.0
    opt.zero_grad()
    for step, (xb, yb) in enumerate(loader):
        loss = crit(model(xb), yb)
        accum_loss = accum_loss + loss / cfg.accum_steps
        if (step + 1) % cfg.accum_steps == 0:
            accum_loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), cfg.max_grad_norm)
            opt.step()
            opt.zero_grad()
            print(f"step {step + 1}: loss {accum_loss.item():.4f}")


if __name__ == "__main__":
    torch.manual_seed(0)
    x, y = torch.randn(512, 24), torch.randint(0, 6, (512,))
    loader = DataLoader(TensorDataset(x, y), batch_size=cfg.batch_size, shuffle=True)
    model = build_model()
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
    for epoch in range(cfg.epochs):
        train_one_epoch(model, loader, opt)
