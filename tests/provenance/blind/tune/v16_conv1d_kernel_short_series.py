# Conv1d with kernel_size=7 applied to sensor windows of only 5 timesteps
# expect: cfg["window"]
# also-accept: self.conv
# category: shape/input-too-small
# made-at: 9
import torch
import torch.nn as nn

cfg = {"window": 5, "channels": 4, "kernel": 7, "hidden": 16}
torch.manual_seed(0)


class Forecaster(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.conv = nn.Conv1d(cfg["channels"], cfg["hidden"], kernel_size=cfg["kernel"])
        self.out = nn.Linear(cfg["hidden"], 1)

    def forward(self, x):
        h = torch.relu(self.conv(x)).mean(-1)
        return self.out(h)


def make_windows(series, window):
    return torch.stack([series[:, i:i + window] for i in range(series.shape[1] - window)])


series = torch.randn(cfg["channels"], 100)
windows = make_windows(series, cfg["window"])
model = Forecaster(cfg)
print(model(windows).shape)

# raises: RuntimeError: Calculated padded input size per channel: (5). Kernel size: (7). Kernel size can't be greater than actual input size
