# A single test image (1, 28, 28) is passed to predict() without a batch dimension; the convs accept it as unbatched, then flatten(1) flattens the wrong dimensions
# expect: predict(model, image)
# also-accept: test_set[0]
# category: shape/batch-dim
# made-at: 87
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
CLASSES = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


class SyntheticFashion(Dataset):
    def __init__(self, n, seed):
        g = torch.Generator().manual_seed(seed)
        self.images = torch.rand(n, 1, 28, 28, generator=g)
        self.labels = torch.randint(0, 10, (n,), generator=g)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return (self.images[i] - 0.2860) / 0.3530, int(self.labels[i])


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 3, padding=1)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(32 * 7 * 7, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        return self.fc(x)


def train_one_epoch(model, loader, optimizer):
    model.train()
    for x, y in loader:
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return loss.item()


def save_checkpoint(model, path):
    torch.save({"model": model.state_dict(), "classes": CLASSES}, path)


def load_checkpoint(path):
    ckpt = torch.load(path)
    model = ConvNet()
    model.load_state_dict(ckpt["model"])
    return model.eval(), ckpt["classes"]


@torch.no_grad()
def predict(model, x):
    probs = F.softmax(model(x), dim=1)
    conf, idx = probs.max(dim=1)
    return idx, conf


train_set = SyntheticFashion(600, seed=1)
test_set = SyntheticFashion(100, seed=2)
model = ConvNet()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    print(f"epoch {epoch}: loss {train_one_epoch(model, DataLoader(train_set, batch_size=64, shuffle=True), optimizer):.3f}")

ckpt_path = os.path.join(tempfile.mkdtemp(), "fashion_cnn.pt")
save_checkpoint(model, ckpt_path)

# ---- inference ----
model, classes = load_checkpoint(ckpt_path)
image, label = test_set[0]
idx, conf = predict(model, image)
print(f"predicted: {classes[idx.item()]} ({conf.item():.2%}), actual: {classes[label]}")
