# On resume the optimizer is built over all parameters, but the checkpointed one was built over the unfrozen head only, so its saved group has a different size
# expect: optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])
# also-accept: optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg["lr"])
# category: checkpoint/optimizer-groups
# made-at: 49
import os
import tempfile

import torch
import torch.nn as nn

cfg = {"lr": 2e-4, "epochs_stage1": 2, "batch_size": 32, "seed": 0}


def build_model():
    backbone = nn.Sequential(nn.Linear(48, 96), nn.GELU(), nn.Linear(96, 96), nn.GELU())
    head = nn.Linear(96, 5)
    return nn.Sequential(backbone, head)


def batches(g, n=8):
    for _ in range(n):
        x = torch.randn(cfg["batch_size"], 48, generator=g)
        yield x, torch.randint(0, 5, (cfg["batch_size"],), generator=g)


def stage1(ckpt_path):
    torch.manual_seed(cfg["seed"])
    g = torch.Generator().manual_seed(cfg["seed"])
    model = build_model()
    for p in model[0].parameters():
        p.requires_grad_(False)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=cfg["lr"])
    for epoch in range(cfg["epochs_stage1"]):
        for x, y in batches(g):
            loss = nn.functional.cross_entropy(model(x), y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": cfg["epochs_stage1"]}, ckpt_path)


def resume(ckpt_path):
    ckpt = torch.load(ckpt_path)
    model = build_model()
    model.load_state_dict(ckpt["model"])
    for p in model[0].parameters():
        p.requires_grad_(False)
    optimizer = torch.optim.AdamW(model.parameters(), lr=cfg["lr"])
    optimizer.load_state_dict(ckpt["optimizer"])
    return model, optimizer, ckpt["epoch"]


if __name__ == "__main__":
    path = os.path.join(tempfile.mkdtemp(), "stage1.pt")
    stage1(path)
    model, optimizer, start = resume(path)
    print("resumed at epoch", start)
