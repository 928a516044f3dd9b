# An auxiliary head is registered in the module but never used in the loss; DDP without find_unused_parameters=True fails on the next iteration
# expect: self.aux_head
# also-accept: ddp_model
# category: distributed/process-group
# made-at: 20
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class MultiTaskNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(8, 16), nn.ReLU())
        self.main_head = nn.Linear(16, 3)
        self.aux_head = nn.Linear(16, 1)

    def forward(self, x, use_aux=False):
        h = self.trunk(x)
        out = self.main_head(h)
        if use_aux:
            return out, self.aux_head(h)
        return out


def main():
    init_file = os.path.join(tempfile.mkdtemp(prefix="blind_ddp_"), "init")
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=0, world_size=1)
    torch.manual_seed(0)
    ddp_model = DDP(MultiTaskNet())
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.1)
    try:
        for step in range(3):
            x, y = torch.randn(4, 8), torch.randint(0, 3, (4,))
            out = ddp_model(x)
            loss = nn.functional.cross_entropy(out, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    finally:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()

# raises: RuntimeError: Expected to have finished reduction in the prior iteration before starting a new one. This error indicates that your module has parameters that were not used in producing loss. You can enable unused parameter detection by passing the keyword argument `find_unused_parameters=True` to...
