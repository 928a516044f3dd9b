# the window is (time, features) but Conv1d wants (batch, channels=features, time): x was never transposed
# expect: x
# also-accept: window
# category: shape/conv-channels
# made-at: 26
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

SETTINGS = {"window": 50, "n_sensors": 6, "batch_size": 8, "workers": 2, "epochs": 2}


class SensorWindows(Dataset):
    """Sliding windows over a multichannel sensor recording; label = activity id."""

    def __init__(self, recording, labels, window):
        self.recording = recording
        self.labels = labels
        self.window = window

    def __len__(self):
        return len(self.recording) - self.window

    def __getitem__(self, idx):
        window = self.recording[idx : idx + self.window]
        label = self.labels[idx + self.window - 1]
        return torch.from_numpy(window).float(), int(label)


class ActivityCNN(nn.Module):
    def __init__(self, n_sensors, n_classes=4):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv1d(n_sensors, 32, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.Conv1d(32, 32, kernel_size=5, padding=2),
            nn.ReLU(),
            nn.AdaptiveMaxPool1d(1),
        )
        self.out = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.out(self.conv(x).squeeze(-1))


def main():
    rng = np.random.default_rng(0)
    recording = rng.standard_normal((400, SETTINGS["n_sensors"])).astype(np.float32)
    labels = rng.integers(0, 4, size=400)
    ds = SensorWindows(recording, labels, SETTINGS["window"])
    loader = DataLoader(ds, batch_size=SETTINGS["batch_size"], shuffle=True, num_workers=SETTINGS["workers"])
    model = ActivityCNN(SETTINGS["n_sensors"])
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for epoch in range(SETTINGS["epochs"]):
        for x, y in loader:
            logits = model(x)
            loss = nn.functional.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", epoch, loss.item())


if __name__ == "__main__":
    main()
