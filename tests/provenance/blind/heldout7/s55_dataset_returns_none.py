# __getitem__ returns None for recordings that are too short (instead of skipping/padding them), and default_collate in the worker cannot batch a None
# expect: return None
# category: data/collate
# made-at: 29
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

N_MELS, FRAMES = 32, 40


class SpeechCommandsLike(Dataset):
    """Pre-computed log-mel spectrograms of variable length; keyword label per clip."""

    def __init__(self, n=200, seed=0):
        rng = np.random.default_rng(seed)
        lengths = rng.integers(25, 60, n)
        self.specs = [rng.standard_normal((N_MELS, int(L))).astype(np.float32) for L in lengths]
        self.labels = rng.integers(0, 10, n)

    def __len__(self):
        return len(self.specs)

    def __getitem__(self, idx):
        spec = self.specs[idx]
        if spec.shape[1] < FRAMES:
            # clip too short to be a full keyword, skip it
            return None
        start = (spec.shape[1] - FRAMES) // 2
        spec = torch.from_numpy(spec[:, start:start + FRAMES])
        spec = (spec - spec.mean()) / (spec.std() + 1e-5)
        return spec.unsqueeze(0), int(self.labels[idx])


class KWSNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(32, 10)

    def forward(self, x):
        return self.fc(self.conv(x).flatten(1))


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(SpeechCommandsLike(), batch_size=32, shuffle=True, num_workers=2)
    model = KWSNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        for x, y in loader:
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.3f}")
