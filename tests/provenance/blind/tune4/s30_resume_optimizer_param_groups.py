# The resumed run builds its optimizer over all parameters while the saved one only held the unfrozen head
# expect: model.parameters()
# also-accept: torch.optim.AdamW(model.parameters(), lr=LR)
# category: optimizer/state-mismatch
# made-at: 45
import io

import torch
import torch.nn as nn

LR = 1e-3


def make_model():
    torch.manual_seed(0)
    return nn.ModuleDict({
        "backbone": nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU()),
        "head": nn.Linear(64, 4),
    })


def forward(model, x):
    return model["head"](model["backbone"](x))


def phase_one(buffer):
    model = make_model()
    model["backbone"].requires_grad_(False)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR)
    x, y = torch.randn(16, 32), torch.randint(0, 4, (16,))
    for _ in range(3):
        loss = nn.functional.cross_entropy(forward(model, x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save({"model": model.state_dict(), "opt": opt.state_dict()}, buffer)


def resume(buffer):
    buffer.seek(0)
    ckpt = torch.load(buffer)
    model = make_model()
    model.load_state_dict(ckpt["model"])
    model["backbone"].requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=LR)
    opt.load_state_dict(ckpt["opt"])
    return model, opt


buf = io.BytesIO()
phase_one(buf)
model, opt = resume(buf)
