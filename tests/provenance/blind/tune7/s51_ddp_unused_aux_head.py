# the auxiliary head is only used when use_aux=True, so with DDP's default find_unused_parameters=False its parameters never get gradients and the second iteration fails
# expect: DDP(model)
# also-accept: if self.use_aux
# category: distributed/unused-params
# made-at: 35
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class MultiTaskNet(nn.Module):
    def __init__(self, use_aux=False):
        super().__init__()
        self.use_aux = use_aux
        self.backbone = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.main_head = nn.Linear(64, 5)
        self.aux_head = nn.Linear(64, 1)   # auxiliary regression target, enabled later

    def forward(self, x):
        h = self.backbone(x)
        out = {"logits": self.main_head(h)}
        if self.use_aux:
            out["aux"] = self.aux_head(h).squeeze(-1)
        return out


def main():
    tmp = tempfile.mkdtemp()
    dist.init_process_group(backend="gloo", init_method=f"file://{tmp}/rendezvous", rank=0, world_size=1)
    torch.manual_seed(0)
    model = MultiTaskNet(use_aux=False)
    ddp_model = DDP(model)
    opt = torch.optim.AdamW(ddp_model.parameters(), lr=1e-3)

    for step in range(10):
        x = torch.randn(16, 32)
        y = torch.randint(0, 5, (16,))
        out = ddp_model(x)
        loss = nn.functional.cross_entropy(out["logits"], y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"step {step}: {loss.item():.4f}")
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
