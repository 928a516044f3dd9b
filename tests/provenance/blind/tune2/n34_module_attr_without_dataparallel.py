# The save code assumes the model is wrapped (model.module), but nn.DataParallel is only applied when several GPUs are visible, so on this machine the bare model has no .module
# expect: model.module
# also-accept: model
# category: module/forward-misuse
# made-at: 35
import os
import tempfile

import torch
import torch.nn as nn

OUT_DIR = tempfile.mkdtemp(prefix="n34_")


class AutoEncoder(nn.Module):
    def __init__(self, dim=64, code=8):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(dim, 32), nn.ReLU(), nn.Linear(32, code))
        self.decoder = nn.Sequential(nn.Linear(code, 32), nn.ReLU(), nn.Linear(32, dim))

    def forward(self, x):
        return self.decoder(self.encoder(x))


def setup_model():
    model = AutoEncoder()
    if torch.cuda.device_count() > 1:
        print(f"using {torch.cuda.device_count()} GPUs")
        model = nn.DataParallel(model)
    return model


def save_checkpoint(model, epoch):
    path = os.path.join(OUT_DIR, f"ae_{epoch:03d}.pt")
    torch.save(model.module.state_dict(), path)  # unwrap DataParallel so the keys have no "module."
    return path


torch.manual_seed(0)
model = setup_model()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
data = torch.rand(128, 64)
for epoch in range(2):
    for batch in data.split(32):
        recon = model(batch)
        loss = nn.functional.mse_loss(recon, batch)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("saved", save_checkpoint(model, epoch), loss.item())

# raises: AttributeError: 'AutoEncoder' object has no attribute 'module'. Did you mean: 'modules'?
