# on resume the backbone is frozen before the optimizer is rebuilt and its saved state loaded, so the new optimizer's group is smaller than the saved one
# expect: freeze_backbone(model)
# also-accept: params = [p for p in model.parameters() if p.requires_grad], opt.load_state_dict(ckpt["opt"])
# category: optimizer/checkpoint
# made-at: 66
import argparse
import os
import tempfile

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, 5)

    def forward(self, x):
        return self.head(self.backbone(x))


def freeze_backbone(model):
    for p in model.backbone.parameters():
        p.requires_grad_(False)


def build_optimizer(model, lr):
    params = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.AdamW(params, lr=lr, weight_decay=0.01)


def run_stage(model, opt, steps, g):
    for _ in range(steps):
        x = torch.randn(32, 32, generator=g)
        y = (x[:, :5].argmax(1) + (x[:, 5] > 1).long()) % 5
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--stage1-steps", type=int, default=30)
    ap.add_argument("--stage2-steps", type=int, default=30)
    ap.add_argument("--freeze-on-resume", action="store_true")
    ap.add_argument("--ckpt", default=os.path.join(tempfile.mkdtemp(), "stage1.pt"))
    args = ap.parse_args(["--freeze-on-resume"])

    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    model = Net()
    opt = build_optimizer(model, args.lr)
    print("stage 1", run_stage(model, opt, args.stage1_steps, g))
    torch.save({"model": model.state_dict(), "opt": opt.state_dict()}, args.ckpt)

    # --- resume in a fresh process (simulated) ---
    ckpt = torch.load(args.ckpt)
    model = Net()
    model.load_state_dict(ckpt["model"])
    if args.freeze_on_resume:
        freeze_backbone(model)
    opt = build_optimizer(model, args.lr)
    opt.load_state_dict(ckpt["opt"])
    print("stage 2", run_stage(model, opt, args.stage2_steps, g))


if __name__ == "__main__":
    main()
