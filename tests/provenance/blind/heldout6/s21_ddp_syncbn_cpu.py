# The model's BatchNorm layers are converted to SyncBatchNorm although this gloo run is on the CPU, and DDP rejects SyncBatchNorm on CPU modules
# expect: model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
# category: wrapper/ddp
# made-at: 36
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler


def setup():
    init_file = os.path.join(tempfile.mkdtemp(), "dist_init")
    dist.init_process_group("gloo", init_method=f"file://{init_file}", rank=0, world_size=1)


def build_model():
    return nn.Sequential(
        nn.Conv1d(8, 32, 3, padding=1), nn.BatchNorm1d(32), nn.ReLU(),
        nn.Conv1d(32, 32, 3, padding=1), nn.BatchNorm1d(32), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(32, 3),
    )


def main():
    setup()
    torch.manual_seed(0)
    ds = TensorDataset(torch.randn(256, 8, 64), torch.randint(0, 3, (256,)))
    sampler = DistributedSampler(ds, num_replicas=1, rank=0, shuffle=True, seed=0)
    loader = DataLoader(ds, batch_size=32, sampler=sampler)
    model = build_model()
    model = nn.SyncBatchNorm.convert_sync_batchnorm(model)
    ddp_model = DDP(model)
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.05, momentum=0.9)
    for epoch in range(2):
        sampler.set_epoch(epoch)
        for x, y in loader:
            loss = nn.functional.cross_entropy(ddp_model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
