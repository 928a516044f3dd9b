# The auxiliary head is a registered submodule that forward() only uses when return_aux=True, and the DDP wrapper is made without find_unused_parameters=True, so the second step fails
# expect: DDP(model)
# also-accept: self.aux_head = nn.Linear(64, num_classes)
# category: wrapper/ddp-unused
# made-at: 38
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class Net(nn.Module):
    def __init__(self, d_in=20, num_classes=5):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.head = nn.Linear(64, num_classes)
        self.aux_head = nn.Linear(64, num_classes)

    def forward(self, x, return_aux=False):
        h = self.body(x)
        if return_aux:
            return self.head(h), self.aux_head(h)
        return self.head(h)


def setup(rank, world_size):
    init_file = os.path.join(tempfile.mkdtemp(), "ddp_init")
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world_size)


def train(rank=0, world_size=1, steps=5):
    setup(rank, world_size)
    torch.manual_seed(0)
    model = Net()
    ddp_model = DDP(model)
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.1)
    for step in range(steps):
        x = torch.randn(32, 20)
        y = torch.randint(0, 5, (32,))
        loss = nn.functional.cross_entropy(ddp_model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"rank {rank} step {step} loss {loss.item():.3f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    train()
