# the checkpoint is saved from the DDP wrapper (ddp_model.state_dict()), so every key carries a "module." prefix and loading it into a plain model for evaluation fails
# expect: ddp_model.state_dict()
# also-accept: eval_model.load_state_dict(torch.load(ckpt_path))
# category: checkpoint/keys
# made-at: 49
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 4))

    def forward(self, x):
        return self.net(x)


def train(rank, world_size, workdir):
    dist.init_process_group("gloo", init_method=f"file://{workdir}/ddp_init", rank=rank,
                            world_size=world_size)
    torch.manual_seed(0)
    X, y = torch.randn(256, 20), torch.randint(0, 4, (256,))
    ds = TensorDataset(X, y)
    sampler = DistributedSampler(ds, num_replicas=world_size, rank=rank, shuffle=True)
    loader = DataLoader(ds, batch_size=32, sampler=sampler)

    ddp_model = DDP(MLP())
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.1)
    for epoch in range(2):
        sampler.set_epoch(epoch)
        for xb, yb in loader:
            loss = nn.functional.cross_entropy(ddp_model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        if rank == 0:
            print(f"epoch {epoch} loss {loss.item():.3f}")

    ckpt_path = os.path.join(workdir, "best.pt")
    if rank == 0:
        torch.save(ddp_model.state_dict(), ckpt_path)
    dist.barrier()
    dist.destroy_process_group()
    return ckpt_path


def evaluate(ckpt_path):
    eval_model = MLP()
    eval_model.load_state_dict(torch.load(ckpt_path))
    eval_model.eval()
    with torch.no_grad():
        X = torch.randn(64, 20)
        print("predictions:", eval_model(X).argmax(1)[:10].tolist())


if __name__ == "__main__":
    workdir = tempfile.mkdtemp()
    path = train(rank=0, world_size=1, workdir=workdir)
    evaluate(path)
