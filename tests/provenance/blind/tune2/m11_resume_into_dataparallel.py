# the resume path wraps the model in nn.DataParallel before loading a checkpoint saved from the bare model, so every key misses "module."
# expect: model
# also-accept: nn.DataParallel(model)
# category: checkpoint/key-mismatch
# made-at: 49
import os
import tempfile

import torch
import torch.nn as nn

RUN_DIR = tempfile.mkdtemp(prefix="run_")
OPTS = {"resume": True, "multi_gpu": True, "epochs": 2, "lr": 0.01}


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(1, 8, 3, padding=1)
        self.pool = nn.AdaptiveAvgPool2d(4)
        self.head = nn.Linear(8 * 16, 10)

    def forward(self, x):
        return self.head(self.pool(torch.relu(self.stem(x))).flatten(1))


def save_checkpoint(model, optimizer, epoch):
    torch.save(
        {"epoch": epoch, "model": model.state_dict(), "optimizer": optimizer.state_dict()},
        os.path.join(RUN_DIR, "last.ckpt"),
    )


def first_run():
    model = ConvNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=OPTS["lr"])
    for epoch in range(OPTS["epochs"]):
        x, y = torch.randn(16, 1, 28, 28), torch.randint(0, 10, (16,))
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        save_checkpoint(model, optimizer, epoch)


def resumed_run():
    model = ConvNet()
    if OPTS["multi_gpu"]:
        model = nn.DataParallel(model)
    optimizer = torch.optim.SGD(model.parameters(), lr=OPTS["lr"])
    start_epoch = 0
    if OPTS["resume"]:
        ckpt = torch.load(os.path.join(RUN_DIR, "last.ckpt"))
        model.load_state_dict(ckpt["model"])
        optimizer.load_state_dict(ckpt["optimizer"])
        start_epoch = ckpt["epoch"] + 1
    print("resuming at epoch", start_epoch)
    return model


first_run()
resumed_run()
