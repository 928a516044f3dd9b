# On resume, the optimizer state saved by the 10-class run is loaded into the optimizer of the new 5-class model; load_state_dict only checks group sizes, so Adam's exp_avg for the head has the old shape and the first step fails
# expect: optimizer.load_state_dict(ckpt["optimizer"])
# category: checkpoint/optimizer-state
# made-at: 28
"""Train, checkpoint, then resume with a changed label set (trainer with save/load helpers)."""
import argparse
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F


def build_model(num_classes, in_dim=20):
    return nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, num_classes))


def save_checkpoint(path, model, optimizer, step):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "step": step}, path)


def load_checkpoint(path, model, optimizer):
    ckpt = torch.load(path, map_location="cpu")
    # backbone weights transfer, the head is re-initialised for the new label set
    backbone = {k: v for k, v in ckpt["model"].items() if not k.startswith("4.")}
    model.load_state_dict(backbone, strict=False)
    optimizer.load_state_dict(ckpt["optimizer"])
    return ckpt["step"]


def train(model, optimizer, num_classes, start_step, steps):
    g = torch.Generator().manual_seed(start_step)
    for step in range(start_step, start_step + steps):
        x = torch.randn(32, 20, generator=g)
        y = torch.randint(0, num_classes, (32,), generator=g)
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(f"step {step}: loss {loss.item():.4f}")
    return start_step + steps


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt-dir", default=None)
    parser.add_argument("--lr", type=float, default=1e-3)
    args = parser.parse_args()
    ckpt_dir = args.ckpt_dir or tempfile.mkdtemp()
    path = os.path.join(ckpt_dir, "last.pt")
    torch.manual_seed(0)

    # run 1: 10 classes
    model = build_model(10)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = train(model, optimizer, 10, 0, 30)
    save_checkpoint(path, model, optimizer, step)

    # run 2: the label set was merged down to 5 classes; resume from the checkpoint
    model = build_model(5)
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    step = load_checkpoint(path, model, optimizer)
    train(model, optimizer, 5, step, 30)


if __name__ == "__main__":
    main()
