# the checkpoint is saved from the nn.DataParallel wrapper, so every key carries a "module." prefix the plain model lacks
# expect: model.state_dict()
# also-accept: state, model
# category: checkpoint/module-prefix
# made-at: 39
import os
import tempfile

import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(8, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU())
        self.out = nn.Linear(32, 1)

    def forward(self, x):
        return self.out(self.body(x))


def train(model, steps=20):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(steps):
        x = torch.randn(16, 8)
        loss = ((model(x) - x.sum(1, keepdim=True)) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


ckpt_dir = tempfile.mkdtemp()
ckpt_path = os.path.join(ckpt_dir, "regressor.pt")

model = nn.DataParallel(Regressor())
print("final train loss", train(model))
torch.save(model.state_dict(), ckpt_path)

# ---- later: inference script ----
inference_model = Regressor()
state = torch.load(ckpt_path, map_location="cpu")
inference_model.load_state_dict(state)
inference_model.eval()
print(inference_model(torch.randn(2, 8)))
