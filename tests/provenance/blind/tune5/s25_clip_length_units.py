# The clip length divides by 1000 as if the duration were in milliseconds, but it is in seconds, so clips are 16 samples and the STFT padding fails in the worker
# expect: int(cfg["duration"] * cfg["sample_rate"] / 1000)
# category: config/units
# made-at: 21
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

cfg = {
    "sample_rate": 16000,
    "duration": 1.0,  # seconds
    "n_fft": 400,
    "hop_length": 160,
    "n_classes": 6,
    "batch_size": 8,
}


class RandomCropSpectrogram:
    def __init__(self, cfg):
        self.num_samples = int(cfg["duration"] * cfg["sample_rate"] / 1000)
        self.n_fft, self.hop = cfg["n_fft"], cfg["hop_length"]
        self.window = torch.hann_window(self.n_fft)

    def __call__(self, wave):
        start = torch.randint(0, wave.numel() - self.num_samples, (1,)).item()
        clip = wave[start : start + self.num_samples]
        spec = torch.stft(clip, self.n_fft, self.hop, window=self.window, return_complex=True)
        return spec.abs().pow(2).log1p()


class SpeechCommands(Dataset):
    def __init__(self, n, transform):
        g = torch.Generator().manual_seed(0)
        self.waves = [torch.randn(24000, generator=g) * 0.1 for _ in range(n)]
        self.labels = torch.randint(0, cfg["n_classes"], (n,), generator=g)
        self.transform = transform

    def __len__(self):
        return len(self.waves)

    def __getitem__(self, i):
        return self.transform(self.waves[i]), self.labels[i]


def main():
    torch.manual_seed(0)
    ds = SpeechCommands(40, RandomCropSpectrogram(cfg))
    loader = DataLoader(ds, batch_size=cfg["batch_size"], shuffle=True, num_workers=2)
    model = nn.Sequential(nn.Flatten(), nn.LazyLinear(cfg["n_classes"]))
    for spec, label in loader:
        loss = nn.functional.cross_entropy(model(spec), label)
        loss.backward()


if __name__ == "__main__":
    main()
