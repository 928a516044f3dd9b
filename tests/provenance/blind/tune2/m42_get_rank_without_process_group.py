# is_main_process() calls dist.get_rank() although the script, launched without torchrun, never initialised a process group
# expect: dist.get_rank()
# also-accept: is_main_process
# category: distributed/process-group
# made-at: 22
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn

SAVE_DIR = tempfile.mkdtemp(prefix="ddp_run_")


def setup():
    if "RANK" in os.environ and "WORLD_SIZE" in os.environ:
        dist.init_process_group("gloo")


def is_main_process():
    return dist.get_rank() == 0


def log(msg):
    if is_main_process():
        print(msg)


def save_on_master(state, name):
    if is_main_process():
        torch.save(state, os.path.join(SAVE_DIR, name))


def main():
    setup()
    model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for epoch in range(2):
        x = torch.randn(32, 8)
        loss = nn.functional.mse_loss(model(x), x.sum(1, keepdim=True))
        opt.zero_grad()
        loss.backward()
        opt.step()
        log(f"epoch {epoch} loss {loss.item():.3f}")
        save_on_master(model.state_dict(), f"epoch{epoch}.pt")


if __name__ == "__main__":
    main()
