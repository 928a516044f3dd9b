# The pooling concatenates mean and max features (2 * hidden), but self.head was built with in_features=hidden; the crash surfaces through the torch.compile wrapper
# expect: self.head
# also-accept: model.head
# category: shape/matmul-mismatch
# made-at: 25
from types import SimpleNamespace

import torch
import torch.nn as nn

cfg = SimpleNamespace(channels=6, hidden=32, n_classes=4, seq_len=50, batch_size=16, compile=True)


class SensorNet(nn.Module):
    """1D CNN for accelerometer windows."""

    def __init__(self, cfg):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv1d(cfg.channels, cfg.hidden, 5, padding=2),
            nn.ReLU(),
            nn.Conv1d(cfg.hidden, cfg.hidden, 5, padding=2),
            nn.ReLU(),
        )
        self.head = nn.Linear(cfg.hidden, cfg.n_classes)

    def forward(self, x):
        h = self.features(x)
        pooled = torch.cat([h.mean(-1), h.amax(-1)], dim=1)
        return self.head(pooled)


torch.manual_seed(0)
model = SensorNet(cfg)
if cfg.compile:
    model = torch.compile(model, backend="eager")
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
windows = torch.randn(64, cfg.channels, cfg.seq_len)
activity = torch.randint(0, cfg.n_classes, (64,))

for start in range(0, len(windows), cfg.batch_size):
    xb = windows[start : start + cfg.batch_size]
    yb = activity[start : start + cfg.batch_size]
    loss = nn.functional.cross_entropy(model(xb), yb)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("trained", loss.item())

# raises: torch._dynamo.exc.TorchRuntimeError: RuntimeError when making fake tensor call
