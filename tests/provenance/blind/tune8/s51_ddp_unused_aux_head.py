# The model is wrapped in DDP without find_unused_parameters=True although its auxiliary head is only used every few steps, so DDP waits for gradients that never come and fails on the next iteration.
# expect: DDP(MultiTaskNet())
# also-accept: self.aux_head
# category: distributed/unused-params
# made-at: 36
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP

torch.manual_seed(0)


class MultiTaskNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(24, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.main_head = nn.Linear(64, 3)
        self.aux_head = nn.Linear(64, 1)

    def forward(self, x, with_aux=False):
        h = self.backbone(x)
        out = self.main_head(h)
        if with_aux:
            return out, self.aux_head(h).squeeze(-1)
        return out, None


def main():
    tmp = tempfile.mkdtemp()
    dist.init_process_group("gloo", init_method=f"file://{os.path.join(tmp, 'rdzv')}", rank=0, world_size=1)
    model = DDP(MultiTaskNet())
    opt = torch.optim.SGD(model.parameters(), lr=0.01)

    X = torch.randn(256, 24)
    y = torch.randint(0, 3, (256,))
    y_aux = X[:, 0]
    for step in range(10):
        idx = torch.randint(0, 256, (32,))
        use_aux = step % 4 == 0
        logits, aux = model(X[idx], with_aux=use_aux)
        loss = F.cross_entropy(logits, y[idx])
        if use_aux:
            loss = loss + 0.1 * F.mse_loss(aux, y_aux[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
