# the feature extractor returns (frames, mels) but Conv1d needs channels (mels) first, so the batch is (B, frames, mels)
# expect: feats
# also-accept: extract_features(wave)
# category: shape/conv1d-channel-order
# made-at: 29
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

N_MELS = 40
HOP = 160


def extract_features(wave: torch.Tensor) -> torch.Tensor:
    frames = wave[: len(wave) // HOP * HOP].view(-1, HOP)
    spectrum = torch.fft.rfft(frames, dim=-1).abs()[:, :N_MELS]
    return torch.log1p(spectrum)


class KeywordDataset(Dataset):
    def __init__(self, n=48, seconds=1.0, sr=16000):
        self.waves = [torch.randn(int(seconds * sr)) for _ in range(n)]
        self.labels = [i % 6 for i in range(n)]

    def __len__(self):
        return len(self.waves)

    def __getitem__(self, i):
        feats = extract_features(self.waves[i])
        return feats, self.labels[i]


class KWSNet(nn.Module):
    def __init__(self, n_classes=6):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(N_MELS, 64, 5, padding=2), nn.ReLU(), nn.Conv1d(64, 64, 5, padding=2), nn.ReLU()
        )
        self.fc = nn.Linear(64, n_classes)

    def forward(self, x):
        return self.fc(self.conv(x).mean(-1))


loader = DataLoader(KeywordDataset(), batch_size=8, shuffle=True)
model = KWSNet()
opt = torch.optim.Adam(model.parameters())
for feats, labels in loader:
    loss = nn.functional.cross_entropy(model(feats), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
