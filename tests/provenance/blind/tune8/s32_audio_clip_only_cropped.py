# _fix_length only crops clips that are too long and never pads the short ones, so one clip in the batch has a different length.
# expect: self._fix_length
# also-accept: _fix_length
# category: data/collate
# made-at: 47
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

SAMPLE_RATE = 8000
CLIP_SECONDS = 1.0

tmp = tempfile.mkdtemp()
files = []
for i in range(40):
    # most recordings are longer than a second, a few are shorter
    n = int(SAMPLE_RATE * (1.2 if i % 9 else 0.7))
    wav = rng.standard_normal(n).astype(np.float32) * 0.1
    path = os.path.join(tmp, f"clip_{i:03d}.npy")
    np.save(path, wav)
    files.append((path, i % 4))


class KeywordClips(Dataset):
    def __init__(self, items, sample_rate, seconds):
        self.items = items
        self.num_samples = int(sample_rate * seconds)

    def _fix_length(self, wav):
        if wav.shape[-1] > self.num_samples:
            wav = wav[..., : self.num_samples]
        return wav

    def __len__(self):
        return len(self.items)

    def __getitem__(self, idx):
        path, label = self.items[idx]
        wav = torch.from_numpy(np.load(path)).unsqueeze(0)
        wav = self._fix_length(wav)
        return wav, label


class TinyConvNet(nn.Module):
    def __init__(self, n_classes=4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(1, 16, 80, stride=16), nn.BatchNorm1d(16), nn.ReLU(),
            nn.Conv1d(16, 32, 3), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
        )
        self.fc = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.fc(self.features(x).squeeze(-1))


ds = KeywordClips(files, SAMPLE_RATE, CLIP_SECONDS)
loader = DataLoader(ds, batch_size=8, shuffle=True, num_workers=2)
model = TinyConvNet()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(2):
    for wav, label in loader:
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(wav), label)
        loss.backward()
        opt.step()
    print("epoch", epoch, "loss", loss.item())
