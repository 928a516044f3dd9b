# init_hidden(cfg["batch_size"]) sizes the LSTM state for a full batch, so the smaller last batch (100 % 16 = 4) crashes
# expect: hidden
# also-accept: cfg["batch_size"], self.init_hidden
# category: shape/batch-size-mismatch
# made-at: 48
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

cfg = {"batch_size": 16, "window": 24, "features": 3, "hidden": 32, "layers": 1, "epochs": 2}


class SlidingWindows(Dataset):
    def __init__(self, series, window):
        self.series, self.window = series, window

    def __len__(self):
        return len(self.series) - self.window

    def __getitem__(self, i):
        x = self.series[i : i + self.window]
        y = self.series[i + self.window, 0]
        return x, y


class Forecaster(nn.Module):
    def __init__(self, features, hidden, layers):
        super().__init__()
        self.hidden_size, self.layers = hidden, layers
        self.lstm = nn.LSTM(features, hidden, layers, batch_first=True)
        self.fc = nn.Linear(hidden, 1)

    def init_hidden(self, batch_size):
        zeros = torch.zeros(self.layers, batch_size, self.hidden_size)
        return zeros, zeros.clone()

    def forward(self, x, hidden):
        out, _ = self.lstm(x, hidden)
        return self.fc(out[:, -1]).squeeze(-1)


torch.manual_seed(0)
t = torch.linspace(0, 20, 124)
series = torch.stack([t.sin(), t.cos(), 0.1 * torch.randn(124)], dim=1)
loader = DataLoader(SlidingWindows(series, cfg["window"]), batch_size=cfg["batch_size"], shuffle=True)
model = Forecaster(cfg["features"], cfg["hidden"], cfg["layers"])
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
hidden = model.init_hidden(cfg["batch_size"])

for epoch in range(cfg["epochs"]):
    for x, y in loader:
        pred = model(x, hidden)
        loss = nn.functional.mse_loss(pred, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch} mse {loss.item():.4f}")

# raises: RuntimeError: Expected hidden[0] size (1, 4, 32), got [1, 16, 32]
