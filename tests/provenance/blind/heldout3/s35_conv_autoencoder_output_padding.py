# the last ConvTranspose2d lacks output_padding=1, so the reconstruction is 27x27 instead of 28x28
# expect: self.dec2
# also-accept: recon
# category: shape/conv-transpose-size
# made-at: 17
import torch
import torch.nn as nn
import torch.nn.functional as F


class ConvAutoencoder(nn.Module):
    def __init__(self, latent_channels=16):
        super().__init__()
        self.enc1 = nn.Conv2d(1, 8, 3, stride=2, padding=1)
        self.enc2 = nn.Conv2d(8, latent_channels, 3, stride=2, padding=1)
        self.dec1 = nn.ConvTranspose2d(latent_channels, 8, 3, stride=2, padding=1, output_padding=1)
        self.dec2 = nn.ConvTranspose2d(8, 1, 3, stride=2, padding=1)

    def encode(self, x):
        return F.relu(self.enc2(F.relu(self.enc1(x))))

    def decode(self, z):
        return torch.sigmoid(self.dec2(F.relu(self.dec1(z))))

    def forward(self, x):
        return self.decode(self.encode(x))


model = ConvAutoencoder()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
images = torch.rand(32, 1, 28, 28)
for epoch in range(3):
    recon = model(images)
    loss = F.mse_loss(recon, images)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(epoch, loss.item())
