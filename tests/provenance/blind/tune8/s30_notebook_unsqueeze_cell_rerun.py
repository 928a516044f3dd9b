# the channel dim is added with unsqueeze(1) a second time in a later cell, so the images become 5-D and conv2d rejects them
# expect: X_train.unsqueeze(1)
# also-accept: X_train
# category: shape/notebook-rerun
# made-at: 32
# %%
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)

# grayscale 28x28 images as they come out of the loader: (N, H, W)
X_train = torch.rand(200, 28, 28)
y_train = torch.randint(0, 10, (200,))

# %%
# add the channel dimension for Conv2d
X_train = X_train.unsqueeze(1)
print(X_train.shape)

# %%
model = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(16 * 7 * 7, 10),
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

# %%
# make sure the images have the channel dim before building the loader
X_train = X_train.unsqueeze(1)
print(X_train.shape)

# %%
loader = DataLoader(TensorDataset(X_train, y_train), batch_size=32, shuffle=True)
for epoch in range(2):
    for xb, yb in loader:
        loss = nn.functional.cross_entropy(model(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: {loss.item():.4f}")
