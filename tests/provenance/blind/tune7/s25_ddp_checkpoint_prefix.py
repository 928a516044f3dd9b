# save_checkpoint stores the DDP wrapper's state_dict, whose keys all start with "module.", so loading it into a plain model for evaluation fails with missing/unexpected keys
# expect: ddp_model.state_dict()
# also-accept: model.load_state_dict(ckpt["model_state_dict"])
# category: checkpoint/save-side
# made-at: 62
"""Single-node DDP training (gloo, CPU), then reload the checkpoint for evaluation."""
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def setup(rank, world_size, workdir):
    init_file = os.path.join(workdir, "ddp_init")
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=rank, world_size=world_size)


def cleanup():
    dist.destroy_process_group()


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 64)
        self.fc2 = nn.Linear(64, 64)
        self.fc3 = nn.Linear(64, 3)

    def forward(self, x):
        return self.fc3(torch.relu(self.fc2(torch.relu(self.fc1(x)))))


def save_checkpoint(path, model_state, optimizer, epoch):
    torch.save({"epoch": epoch, "model_state_dict": model_state, "optimizer_state_dict": optimizer.state_dict()}, path)


def train(rank, world_size, workdir, ckpt_path):
    setup(rank, world_size, workdir)
    torch.manual_seed(0)
    X, y = torch.randn(512, 16), torch.randint(0, 3, (512,))
    ds = TensorDataset(X, y)
    sampler = DistributedSampler(ds, num_replicas=world_size, rank=rank, shuffle=True, seed=0)
    loader = DataLoader(ds, batch_size=32, sampler=sampler)

    ddp_model = DDP(Net())
    optimizer = torch.optim.SGD(ddp_model.parameters(), lr=0.05, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(2):
        sampler.set_epoch(epoch)
        for xb, yb in loader:
            optimizer.zero_grad()
            loss = loss_fn(ddp_model(xb), yb)
            loss.backward()
            optimizer.step()
        if rank == 0:
            print(f"epoch {epoch}: loss {loss.item():.4f}")
            save_checkpoint(ckpt_path, ddp_model.state_dict(), optimizer, epoch)
        dist.barrier()
    cleanup()


@torch.no_grad()
def evaluate(ckpt_path):
    ckpt = torch.load(ckpt_path, map_location="cpu")
    model = Net()
    model.load_state_dict(ckpt["model_state_dict"])
    model.eval()
    X, y = torch.randn(128, 16), torch.randint(0, 3, (128,))
    acc = (model(X).argmax(1) == y).float().mean().item()
    print(f"restored epoch {ckpt['epoch']}: acc {acc:.3f}")


if __name__ == "__main__":
    workdir = tempfile.mkdtemp()
    ckpt_path = os.path.join(workdir, "checkpoint.pt")
    train(rank=0, world_size=1, workdir=workdir, ckpt_path=ckpt_path)
    evaluate(ckpt_path)
