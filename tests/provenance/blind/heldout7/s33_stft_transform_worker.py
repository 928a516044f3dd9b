# the hand-written spectrogram transform calls torch.stft on a real waveform without return_complex, which torch now requires
# expect: torch.stft(waveform, n_fft=self.n_fft, hop_length=self.hop_length, window=self.window)
# category: api/argument
# made-at: 23
import math

import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

SAMPLE_RATE = 8000


class LogMelLike:
    """Poor man's torchaudio.transforms.Spectrogram + log."""

    def __init__(self, n_fft=256, hop_length=128):
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.window = torch.hann_window(n_fft)

    def __call__(self, waveform):
        spec = torch.stft(waveform, n_fft=self.n_fft, hop_length=self.hop_length, window=self.window)
        power = spec.abs() ** 2
        return torch.log1p(power)


class ToneDataset(Dataset):
    """Sine tones of 4 frequencies plus noise; label = which frequency."""

    FREQS = [220.0, 440.0, 880.0, 1760.0]

    def __init__(self, n=64, seconds=0.5, transform=None, seed=0):
        self.n = n
        self.length = int(SAMPLE_RATE * seconds)
        self.transform = transform
        g = torch.Generator().manual_seed(seed)
        self.labels = torch.randint(0, len(self.FREQS), (n,), generator=g)
        self.noise = 0.1 * torch.randn(n, self.length, generator=g)

    def __len__(self):
        return self.n

    def __getitem__(self, idx):
        label = int(self.labels[idx])
        t = torch.arange(self.length) / SAMPLE_RATE
        wav = torch.sin(2 * math.pi * self.FREQS[label] * t) + self.noise[idx]
        if self.transform is not None:
            wav = self.transform(wav)
        return wav, label


class AudioCNN(nn.Module):
    def __init__(self, n_classes=4):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
            nn.Flatten(), nn.Linear(16, n_classes))

    def forward(self, spec):
        return self.net(spec.unsqueeze(1))


if __name__ == "__main__":
    torch.manual_seed(0)
    train_ds = ToneDataset(transform=LogMelLike())
    train_dl = DataLoader(train_ds, batch_size=16, shuffle=True, num_workers=2)
    model = AudioCNN()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        for spec, y in train_dl:
            loss = nn.functional.cross_entropy(model(spec), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch} loss {loss.item():.3f}")
