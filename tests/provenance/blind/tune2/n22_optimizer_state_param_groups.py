# Resuming: the optimizer was saved with two param groups (backbone/head learning rates) but is rebuilt with a single group before load_state_dict
# expect: optimizer
# also-accept: ckpt["optimizer"]
# category: optim/state-mismatch
# made-at: 57
import os
import tempfile

import torch
import torch.nn as nn

RUN_DIR = tempfile.mkdtemp(prefix="n22_run_")
LR = {"backbone": 1e-4, "head": 1e-3}


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, 5)

    def forward(self, x):
        return self.head(self.backbone(x))


def make_optimizer(model):
    return torch.optim.AdamW(
        [
            {"params": model.backbone.parameters(), "lr": LR["backbone"]},
            {"params": model.head.parameters(), "lr": LR["head"]},
        ]
    )


def train_steps(model, optimizer, n):
    for _ in range(n):
        x, y = torch.randn(16, 32), torch.randint(0, 5, (16,))
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


def save(path, model, optimizer, epoch):
    torch.save({"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


# ---- first run, interrupted after epoch 1 ----
torch.manual_seed(0)
model = Classifier()
optimizer = make_optimizer(model)
train_steps(model, optimizer, 5)
save(os.path.join(RUN_DIR, "epoch1.pt"), model, optimizer, 1)

# ---- resume ----
model = Classifier()
optimizer = torch.optim.AdamW(model.parameters(), lr=LR["head"])
ckpt = torch.load(os.path.join(RUN_DIR, "epoch1.pt"))
model.load_state_dict(ckpt["model"])
optimizer.load_state_dict(ckpt["optimizer"])
start_epoch = ckpt["epoch"] + 1
train_steps(model, optimizer, 5)
print("resumed from epoch", start_epoch)

# raises: ValueError: loaded state dict has a different number of parameter groups
