# preprocess() only returns for 2-D (grayscale) arrays; RGB samples fall off the end and come back as None
# expect: preprocess(raw)
# also-accept: image, preprocess
# category: data/none-sample
# made-at: 32
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


def preprocess(arr: np.ndarray):
    arr = arr.astype(np.float32) / 255.0
    if arr.ndim == 2:
        return torch.from_numpy(arr).unsqueeze(0).expand(3, -1, -1).clone()
    elif arr.ndim == 3 and arr.shape[-1] == 3:
        torch.from_numpy(arr).permute(2, 0, 1).contiguous()


class FolderLikeDataset(Dataset):
    def __init__(self, n: int = 40):
        rng = np.random.default_rng(1)
        self.items = []
        for i in range(n):
            shape = (24, 24) if i % 3 else (24, 24, 3)
            self.items.append((rng.integers(0, 256, size=shape, dtype=np.uint8), i % 5))

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        raw, label = self.items[idx]
        image = preprocess(raw)
        return image, label


if __name__ == "__main__":
    loader = DataLoader(FolderLikeDataset(), batch_size=8, shuffle=True, num_workers=2)
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 24 * 24, 5))
    for images, labels in loader:
        out = model(images)
        print(out.shape)
