# A preprocessing cell that adds the channel axis was re-run, so the images get a second channel axis
# expect: images = images.unsqueeze(1)
# also-accept: images
# category: shape/conv-input-rank
# made-at: 43
# %% [markdown]
# Small digit classifier on random "images" (exported from a notebook)

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
images = torch.rand(256, 28, 28)
targets = torch.randint(0, 10, (256,))

# %%
# add channel axis and normalise
images = images.unsqueeze(1)
images = (images - images.mean()) / images.std()
print(images.shape)

# %%
class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.fc = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc(x.flatten(1))


model = SmallCNN()
opt = torch.optim.SGD(model.parameters(), lr=0.05)

# %%
# add channel axis and normalise
images = images.unsqueeze(1)
images = (images - images.mean()) / images.std()
print(images.shape)

# %%
for step in range(5):
    idx = torch.randint(0, images.shape[0], (32,))
    logits = model(images[idx])
    loss = F.cross_entropy(logits, targets[idx])
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, loss.item())
