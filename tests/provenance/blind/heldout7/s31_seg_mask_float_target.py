# the worker's __getitem__ turns the segmentation mask into a float tensor, so CrossEntropyLoss gets float class maps instead of long class indices
# expect: torch.from_numpy(mask).float()
# also-accept: criterion(logits, masks)
# category: dtype/target
# made-at: 29
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

NUM_CLASSES = 4


class SyntheticSegDataset(Dataset):
    """Random 'images' with blob-like masks, like a small Cityscapes subset."""

    def __init__(self, n=64, size=32, seed=0):
        rng = np.random.default_rng(seed)
        self.images = rng.standard_normal((n, 3, size, size)).astype(np.float32)
        self.masks = rng.integers(0, NUM_CLASSES, size=(n, size, size)).astype(np.uint8)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        image = torch.from_numpy(self.images[idx])
        mask = self.masks[idx]
        # uint8 is not supported by the loss, convert
        mask = torch.from_numpy(mask).float()
        return image, mask


class TinyUNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(16, 16, 3, padding=1), nn.ReLU())
        self.down = nn.MaxPool2d(2)
        self.mid = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(32, 16, 2, stride=2)
        self.dec = nn.Sequential(nn.Conv2d(32, 16, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(16, n_classes, 1)

    def forward(self, x):
        e = self.enc(x)
        m = self.mid(self.down(e))
        u = self.up(m)
        d = self.dec(torch.cat([u, e], dim=1))
        return self.head(d)


def main():
    torch.manual_seed(0)
    ds = SyntheticSegDataset()
    loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=2)
    model = TinyUNet(NUM_CLASSES)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    for epoch in range(2):
        model.train()
        running = 0.0
        for images, masks in loader:
            optimizer.zero_grad()
            logits = model(images)
            loss = criterion(logits, masks)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: loss {running / len(loader):.4f}")


if __name__ == "__main__":
    main()
