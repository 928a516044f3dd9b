# The spectrogram front end keeps the complex STFT (no .abs() / power), so the first Conv2d receives complex input
# expect: torch.stft(wave, n_fft=self.n_fft, hop_length=self.hop, window=self.window, return_complex=True)
# category: dtype/complex
# made-at: 16
import torch
import torch.nn as nn


class SpectrogramFrontEnd(nn.Module):
    def __init__(self, n_fft=256, hop=128):
        super().__init__()
        self.n_fft, self.hop = n_fft, hop
        self.register_buffer("window", torch.hann_window(n_fft))

    def forward(self, wave):
        spec = torch.stft(wave, n_fft=self.n_fft, hop_length=self.hop, window=self.window, return_complex=True)
        return torch.log1p(spec).unsqueeze(1)


class KeywordSpotter(nn.Module):
    def __init__(self, n_classes=12):
        super().__init__()
        self.front = SpectrogramFrontEnd()
        self.cnn = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(32, n_classes)

    def forward(self, wave):
        return self.fc(self.cnn(self.front(wave)).flatten(1))


def synth_batch(n=8, sr=16000):
    t = torch.arange(sr) / sr
    freqs = torch.randint(200, 2000, (n, 1)).float()
    return torch.sin(2 * torch.pi * freqs * t) + 0.05 * torch.randn(n, sr), torch.randint(0, 12, (n,))


torch.manual_seed(0)
model = KeywordSpotter()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
wave, label = synth_batch()
loss = nn.functional.cross_entropy(model(wave), label)
loss.backward()
opt.step()
