# The dataset already applies to_tensor (which adds the channel dim), and the training loop applies it again, so conv2d gets a 5-D batch.
# expect: to_tensor(images)
# also-accept: to_tensor
# category: data/transform-twice
# made-at: 66
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

tmp = tempfile.mkdtemp()
for i in range(64):
    img = (rng.random((28, 28)) * 255).astype(np.uint8)
    np.save(os.path.join(tmp, f"digit_{i:03d}_{i % 10}.npy"), img)


def to_tensor(img):
    """uint8 HxW -> float 1xHxW in [0, 1]."""
    t = torch.as_tensor(img, dtype=torch.float32) / 255.0
    return t.unsqueeze(-3)


class DigitFolder(Dataset):
    def __init__(self, root, transform=None):
        self.paths = sorted(os.path.join(root, f) for f in os.listdir(root))
        self.transform = transform

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        path = self.paths[i]
        img = np.load(path)
        label = int(os.path.basename(path).split("_")[-1].split(".")[0])
        if self.transform:
            img = self.transform(img)
        return img, label


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


loader = DataLoader(DigitFolder(tmp, transform=to_tensor), batch_size=16, shuffle=True, num_workers=2)
model = LeNet()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for epoch in range(2):
    for images, labels in loader:
        images = to_tensor(images)
        opt.zero_grad()
        loss = F.cross_entropy(model(images), labels)
        loss.backward()
        opt.step()
    print(epoch, loss.item())
