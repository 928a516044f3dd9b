# the worker-side transform returns each spectrogram as (n_mels, frames) without a channel axis, so the batch reaches Conv2d as 3-D and is taken for one unbatched image with batch-size channels
# expect: return (spec - self.mean) / self.std
# also-accept: torch.from_numpy(self.power[i]), self.body(x)
# category: shape/conv
# made-at: 20
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

N_MELS, FRAMES, N_CLASSES = 40, 64, 6


class NormalizeSpec:
    def __init__(self, mean, std):
        self.mean, self.std = mean, std

    def __call__(self, spec):
        spec = torch.log(spec + 1e-6)
        return (spec - self.mean) / self.std


class RandomTimeMask:
    """SpecAugment-style time masking."""

    def __init__(self, max_width=8, seed=0):
        self.max_width = max_width
        self.rng = np.random.default_rng(seed)

    def __call__(self, spec):
        w = int(self.rng.integers(0, self.max_width))
        t0 = int(self.rng.integers(0, spec.shape[-1] - w))
        spec = spec.clone()
        spec[..., t0:t0 + w] = 0
        return spec


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, x):
        for t in self.transforms:
            x = t(x)
        return x


class UrbanSoundLike(Dataset):
    def __init__(self, n=96, transform=None, seed=0):
        rng = np.random.default_rng(seed)
        self.power = rng.gamma(2.0, 1.0, size=(n, N_MELS, FRAMES)).astype(np.float32)
        self.labels = rng.integers(0, N_CLASSES, n)
        self.transform = transform

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        spec = torch.from_numpy(self.power[i])
        if self.transform:
            spec = self.transform(spec)
        return spec, int(self.labels[i])


class SoundCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(32, N_CLASSES))

    def forward(self, x):
        return self.body(x)


if __name__ == "__main__":
    torch.manual_seed(0)
    tfm = Compose([NormalizeSpec(mean=0.3, std=1.1), RandomTimeMask()])
    loader = DataLoader(UrbanSoundLike(transform=tfm), batch_size=16, shuffle=True, num_workers=2)
    model = SoundCNN()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        for spec, label in loader:
            loss = nn.functional.cross_entropy(model(spec), label)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.3f}")
