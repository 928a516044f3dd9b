# The frozen teacher is wrapped in DistributedDataParallel like the student, but DDP refuses a module with nothing to train
# expect: teacher = wrap(teacher)
# also-accept: wrap(teacher), teacher
# category: wrapper/ddp
# made-at: 37
import os

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP


def setup():
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29533")
    dist.init_process_group("gloo", rank=0, world_size=1)


def wrap(model):
    return DDP(model)


def make_net(width):
    return nn.Sequential(nn.Linear(20, width), nn.ReLU(), nn.Linear(width, 5))


def main():
    setup()
    try:
        teacher = make_net(256)
        teacher.requires_grad_(False)
        teacher.eval()
        student = make_net(32)
        student = wrap(student)
        teacher = wrap(teacher)
        opt = torch.optim.Adam(student.parameters(), lr=1e-3)
        x = torch.randn(16, 20)
        with torch.no_grad():
            soft = F.softmax(teacher(x) / 2.0, dim=-1)
        loss = F.kl_div(F.log_softmax(student(x) / 2.0, dim=-1), soft, reduction="batchmean")
        opt.zero_grad()
        loss.backward()
        opt.step()
    finally:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
