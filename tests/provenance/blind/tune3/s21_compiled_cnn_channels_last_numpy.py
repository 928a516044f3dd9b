# the images come from numpy in (N, H, W, C) layout and are never permuted to (N, C, H, W) before the compiled CNN
# expect: images
# also-accept: batch
# category: shape/missing-permute
# made-at: 32
import numpy as np
import torch
import torch.nn as nn


def load_images(n=16, size=32, seed=0):
    rng = np.random.default_rng(seed)
    arr = rng.integers(0, 256, size=(n, size, size, 3), dtype=np.uint8)
    return arr.astype(np.float32) / 255.0


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
        )

    def forward(self, x):
        return self.body(x)


model = Net()
compiled = torch.compile(model, backend="eager")
images = torch.from_numpy(load_images())
mean = images.mean(dim=(0, 1, 2), keepdim=True)
std = images.std(dim=(0, 1, 2), keepdim=True)
images = (images - mean) / std
labels = torch.randint(0, 10, (16,))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
for step in range(3):
    batch = images[step * 4:(step + 1) * 4 + 4]
    loss = nn.functional.cross_entropy(compiled(batch), labels[step * 4:(step + 1) * 4 + 4])
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())
