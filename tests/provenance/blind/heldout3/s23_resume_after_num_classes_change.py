# num_classes was changed in the config after the checkpoint was written, so the classifier weights no longer fit
# expect: cfg["num_classes"]
# also-accept: cfg
# category: checkpoint/size-mismatch
# made-at: 38
import os
import tempfile

import torch
import torch.nn as nn

cfg = {"in_dim": 20, "hidden": 32, "num_classes": 10, "lr": 1e-3}


def build(cfg):
    return nn.ModuleDict({
        "encoder": nn.Sequential(nn.Linear(cfg["in_dim"], cfg["hidden"]), nn.ReLU()),
        "classifier": nn.Linear(cfg["hidden"], cfg["num_classes"]),
    })


def forward(model, x):
    return model["classifier"](model["encoder"](x))


workdir = tempfile.mkdtemp()
model = build(cfg)
opt = torch.optim.Adam(model.parameters(), lr=cfg["lr"])
for _ in range(5):
    x, y = torch.randn(16, cfg["in_dim"]), torch.randint(0, cfg["num_classes"], (16,))
    loss = nn.functional.cross_entropy(forward(model, x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
torch.save({"model": model.state_dict(), "epoch": 5}, os.path.join(workdir, "last.pt"))

# two extra classes were added to the label set
cfg["num_classes"] = 12

# resume training
model = build(cfg)
ckpt = torch.load(os.path.join(workdir, "last.pt"))
model.load_state_dict(ckpt["model"])
print("resumed from epoch", ckpt["epoch"])
