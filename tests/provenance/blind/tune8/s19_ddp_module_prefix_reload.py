# the checkpoint is saved from the DDP wrapper, so every key carries a "module." prefix that the plain inference model does not have
# expect: ddp_model.state_dict()
# also-accept: state
# category: checkpoint/keys
# made-at: 31
import os
import tempfile
import torch
import torch.distributed as dist
import torch.nn as nn
from torch.nn.parallel import DistributedDataParallel as DDP

torch.manual_seed(0)
workdir = tempfile.mkdtemp()


def build_model():
    return nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 2))


def train_and_save(path):
    dist.init_process_group("gloo", init_method=f"file://{os.path.join(workdir, 'pg')}", rank=0, world_size=1)
    ddp_model = DDP(build_model())
    opt = torch.optim.SGD(ddp_model.parameters(), lr=0.1)
    x, y = torch.randn(64, 10), torch.randint(0, 2, (64,))
    for _ in range(5):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(ddp_model(x), y)
        loss.backward()
        opt.step()
    state = ddp_model.state_dict()
    torch.save(state, path)
    dist.destroy_process_group()


def load_for_inference(path):
    model = build_model()
    model.load_state_dict(torch.load(path, map_location="cpu"))
    return model.eval()


ckpt = os.path.join(workdir, "classifier.pt")
train_and_save(ckpt)
model = load_for_inference(ckpt)
print(model(torch.randn(3, 10)).argmax(1))
