# The checkpoint is saved from the DataParallel wrapper, so every key carries a "module." prefix the plain model does not expect
# expect: model.state_dict()
# also-accept: torch.save(model.state_dict(), path)
# category: checkpoint/key-mismatch
# made-at: 32
import os
import tempfile

import torch
import torch.nn as nn


class Regressor(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(10, 32), nn.ReLU())
        self.head = nn.Linear(32, 1)

    def forward(self, x):
        return self.head(self.encoder(x))


def train(path):
    model = nn.DataParallel(Regressor())
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.randn(64, 10), torch.randn(64, 1)
    for _ in range(5):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), path)


def load_for_inference(path):
    model = Regressor()
    model.load_state_dict(torch.load(path))
    return model.eval()


with tempfile.TemporaryDirectory() as tmp:
    ckpt = os.path.join(tmp, "regressor.pt")
    train(ckpt)
    model = load_for_inference(ckpt)
    print(model(torch.randn(2, 10)))
