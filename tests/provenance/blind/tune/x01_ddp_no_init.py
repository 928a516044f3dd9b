# Model wrapped in DistributedDataParallel without calling dist.init_process_group first
# expect: setup
# also-accept: DDP(model)
# category: distributed/process-group
# made-at: 14
import os

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


def setup(rank, world_size):
    os.environ.setdefault("MASTER_ADDR", "127.0.0.1")
    os.environ.setdefault("MASTER_PORT", "29531")
    torch.manual_seed(rank)


def cleanup():
    if dist.is_initialized():
        dist.destroy_process_group()


def train(rank=0, world_size=1):
    setup(rank, world_size)
    model = nn.Linear(10, 2)
    ddp_model = DDP(model)
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.01)
    for _ in range(2):
        loss = ddp_model(torch.randn(4, 10)).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
    cleanup()


if __name__ == "__main__":
    train()

# raises: ValueError: Default process group has not been initialized, please make sure to call init_process_group.
