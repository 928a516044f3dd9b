# The checkpoint is saved with model.state_dict (the bound method, no call), which pickles the whole module and cannot be read back with the default weights_only load
# expect: torch.save(model.state_dict, ckpt_path)
# category: checkpoint/save
# made-at: 32
import os
import tempfile

import torch
import torch.nn as nn


class Autoencoder(nn.Module):
    def __init__(self, d=64, z=8):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, z))
        self.dec = nn.Sequential(nn.Linear(z, 32), nn.ReLU(), nn.Linear(32, d))

    def forward(self, x):
        return self.dec(self.enc(x))


def train(model, data, ckpt_path, epochs=3):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    best = float("inf")
    for epoch in range(epochs):
        loss = nn.functional.mse_loss(model(data), data)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if loss.item() < best:
            best = loss.item()
            torch.save(model.state_dict, ckpt_path)
    return best


def load_for_inference(ckpt_path):
    model = Autoencoder()
    model.load_state_dict(torch.load(ckpt_path))
    return model.eval()


if __name__ == "__main__":
    torch.manual_seed(0)
    data = torch.randn(256, 64)
    ckpt_path = os.path.join(tempfile.mkdtemp(), "best.pt")
    print("best", train(Autoencoder(), data, ckpt_path))
    model = load_for_inference(ckpt_path)
    with torch.no_grad():
        print(model(data[:4]).shape)
