# the numpy flip augmentation returns a view with a negative stride, which the default collate cannot turn into a tensor
# expect: spec = spec[:, ::-1]
# category: data/numpy
# made-at: 25
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

CONFIG = {
    "data": {"n": 320, "mels": 32, "frames": 64, "classes": 6},
    "aug": {"flip_p": 0.5, "noise": 0.05},
    "train": {"batch_size": 16, "workers": 2, "lr": 1e-3, "epochs": 2},
}


class TimeFlipNoise:
    def __init__(self, flip_p, noise):
        self.flip_p = flip_p
        self.noise = noise

    def __call__(self, spec, rng):
        spec = spec + self.noise * rng.standard_normal(spec.shape, dtype=np.float32)
        if rng.random() < self.flip_p:
            spec = spec[:, ::-1]
        return spec


class SpectrogramDataset(Dataset):
    def __init__(self, n, mels, frames, classes, transform=None):
        rng = np.random.default_rng(0)
        self.specs = rng.standard_normal((n, mels, frames), dtype=np.float32)
        self.labels = rng.integers(0, classes, size=n)
        self.specs += self.labels[:, None, None].astype(np.float32) * 0.2
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        spec = self.specs[i]
        if self.transform is not None:
            spec = self.transform(spec, np.random.default_rng(i))
        return spec, self.labels[i]


def build_model(mels, classes):
    return nn.Sequential(
        nn.Conv1d(mels, 64, 5, padding=2), nn.ReLU(),
        nn.Conv1d(64, 64, 5, padding=2), nn.ReLU(),
        nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(64, classes),
    )


def train(cfg):
    torch.manual_seed(0)
    d, t = cfg["data"], cfg["train"]
    ds = SpectrogramDataset(d["n"], d["mels"], d["frames"], d["classes"],
                            transform=TimeFlipNoise(**cfg["aug"]))
    loader = DataLoader(ds, batch_size=t["batch_size"], shuffle=True, num_workers=t["workers"])
    model = build_model(d["mels"], d["classes"])
    opt = torch.optim.Adam(model.parameters(), lr=t["lr"])
    for epoch in range(t["epochs"]):
        for spec, y in loader:
            loss = nn.functional.cross_entropy(model(spec), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    train(CONFIG)
