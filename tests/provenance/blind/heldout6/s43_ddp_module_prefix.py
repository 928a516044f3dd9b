# the checkpoint is saved from the DDP wrapper, so every key carries the "module." prefix the plain inference model does not have
# expect: torch.save(ddp_model.state_dict(), path)
# also-accept: model.load_state_dict(state)
# category: checkpoint/wrapper
# made-at: 43
import os
import tempfile

import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP


class TinyResNet(nn.Module):
    def __init__(self, channels=16, n_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, channels, 3, padding=1), nn.BatchNorm2d(channels), nn.ReLU())
        self.block = nn.Sequential(nn.Conv2d(channels, channels, 3, padding=1), nn.BatchNorm2d(channels), nn.ReLU(),
                                   nn.Conv2d(channels, channels, 3, padding=1), nn.BatchNorm2d(channels))
        self.head = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, n_classes))

    def forward(self, x):
        x = self.stem(x)
        x = torch.relu(x + self.block(x))
        return self.head(x)


def train(workdir, steps=20):
    dist.init_process_group("gloo", init_method=f"file://{workdir}/rendezvous", rank=0, world_size=1)
    torch.manual_seed(0)
    ddp_model = DDP(TinyResNet())
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.05, momentum=0.9)
    for step in range(steps):
        x = torch.randn(16, 1, 28, 28)
        y = torch.randint(0, 10, (16,))
        loss = nn.functional.cross_entropy(ddp_model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    path = os.path.join(workdir, "resnet.pt")
    if dist.get_rank() == 0:
        torch.save(ddp_model.state_dict(), path)
    dist.barrier()
    dist.destroy_process_group()
    return path


def load_for_inference(path):
    model = TinyResNet()
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state)
    return model.eval()


if __name__ == "__main__":
    ckpt = train(tempfile.mkdtemp())
    model = load_for_inference(ckpt)
    with torch.no_grad():
        print(model(torch.randn(4, 1, 28, 28)).argmax(1))
