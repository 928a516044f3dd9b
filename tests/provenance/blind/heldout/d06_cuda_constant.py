# DEVICE hard-coded to "cuda" on a machine without a CUDA build of torch
# expect: DEVICE
# category: device/cuda-unavailable
# made-at: 8
import torch
import torch.nn as nn

DEVICE = "cuda"
torch.manual_seed(0)


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 8))
        self.dec = nn.Sequential(nn.Linear(8, 64), nn.ReLU(), nn.Linear(64, 784), nn.Sigmoid())

    def forward(self, x):
        return self.dec(self.enc(x))


model = Autoencoder().to(DEVICE)
data = torch.rand(64, 784).to(DEVICE)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for step in range(100):
    recon = model(data)
    loss = nn.functional.binary_cross_entropy(recon, data)
    opt.zero_grad()
    loss.backward()
    opt.step()

    if step % 20 == 0:
        print(f"step {step:3d} recon loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    codes = model.enc(data)
    print("latent mean", codes.mean(0))
torch.save(model.state_dict(), "autoencoder.pt")

# raises: AssertionError: Torch not compiled with CUDA enabled
