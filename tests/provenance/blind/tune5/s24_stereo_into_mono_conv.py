# The dataset returns the clips as loaded, (channels, samples) stereo, without mixing to mono, while the model's first Conv1d expects one channel
# expect: torch.from_numpy(data.T.copy())
# also-accept: load_wav(self.files[i])
# category: data/channels
# made-at: 32
import zlib

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

SR = 8000


def load_wav(path):
    """Stand-in for soundfile.read: returns (samples, channels) float32 and the rate."""
    rng = np.random.default_rng(zlib.crc32(path.encode()))
    n_ch = 2  # the recordings are stereo
    return rng.normal(scale=0.1, size=(SR, n_ch)).astype(np.float32), SR


class ClipDataset(Dataset):
    def __init__(self, files, labels):
        self.files, self.labels = files, labels

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        data, sr = load_wav(self.files[i])
        wave = torch.from_numpy(data.T.copy())  # (channels, samples)
        return wave, self.labels[i]


class RawAudioNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv1d(1, 32, kernel_size=80, stride=4), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(4),
            nn.Conv1d(32, 64, kernel_size=3), nn.BatchNorm1d(64), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
        )
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.fc(self.net(x).squeeze(-1))


def train_one_epoch(model, loader, opt):
    model.train()
    for wave, label in loader:
        loss = nn.functional.cross_entropy(model(wave), label)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    files = [f"clips/{i:04d}.wav" for i in range(64)]
    labels = torch.randint(0, 10, (64,)).tolist()
    loader = DataLoader(ClipDataset(files, labels), batch_size=16, shuffle=True, num_workers=2)
    model = RawAudioNet()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    train_one_epoch(model, loader, opt)
