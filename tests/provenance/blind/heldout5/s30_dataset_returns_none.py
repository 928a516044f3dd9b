# __getitem__ returns None for a sample it thinks is corrupt instead of skipping it, so the default collate in the worker meets a None
# expect: return None
# category: data/collate
# made-at: 25
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class ImageFolderLike(Dataset):
    def __init__(self, n=96, seed=0):
        rng = np.random.default_rng(seed)
        self.images = [rng.integers(0, 256, size=(24, 24, 3), dtype=np.uint8) for _ in range(n)]
        for bad in (5, 41, 77):
            self.images[bad] = np.zeros((0, 0, 3), dtype=np.uint8)  # truncated files
        self.labels = rng.integers(0, 3, size=n)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        img = self.images[i]
        if img.size == 0:
            print(f"warning: sample {i} is corrupt, skipping")
            return None
        x = torch.from_numpy(img).permute(2, 0, 1).float() / 255.0
        return x, int(self.labels[i])


def train(loader, model, opt):
    for x, y in loader:
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool2d(1), torch.nn.Flatten(), torch.nn.Linear(8, 3))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loader = DataLoader(ImageFolderLike(), batch_size=16, shuffle=True, num_workers=2)
    train(loader, model, opt)
