# The dataset turns HWC numpy images into tensors without permuting to CHW, so the conv sees 32 "channels" (the image height) instead of 3
# expect: torch.from_numpy(self.images[idx])
# category: shape/permute
# made-at: 27
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

np.random.seed(0)
torch.manual_seed(0)


class NumpyImageDataset(Dataset):
    """Images stored like most image libraries give them: (N, H, W, C) uint8."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, mean=(0.49, 0.48, 0.45), std=(0.25, 0.24, 0.26)):
        self.images = images
        self.labels = labels
        self.mean = torch.tensor(mean)
        self.std = torch.tensor(std)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        img = torch.from_numpy(self.images[idx]).float() / 255.0
        img = (img - self.mean) / self.std
        return img, torch.tensor(self.labels[idx], dtype=torch.long)


def build_model(num_classes=5):
    return nn.Sequential(
        nn.Conv2d(3, 32, kernel_size=3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, kernel_size=3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten(), nn.Linear(64, num_classes),
    )


images = np.random.randint(0, 256, size=(400, 32, 32, 3), dtype=np.uint8)
labels = np.random.randint(0, 5, size=(400,))
loader = DataLoader(NumpyImageDataset(images, labels), batch_size=16, shuffle=True)

model = build_model()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
criterion = nn.CrossEntropyLoss()

for epoch in range(3):
    running = 0.0
    for step, (x, y) in enumerate(loader):
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()
        running += loss.item()
    print(f"epoch {epoch}: loss {running / len(loader):.4f}")
