# the initial LSTM state is allocated once with the configured batch size, but the last batch of the epoch is smaller (drop_last=False), so the hidden size no longer matches the input batch
# expect: self.init_hidden(BATCH_SIZE)
# category: shape/rnn
# made-at: 33
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

BATCH_SIZE, WINDOW, N_FEAT = 32, 24, 4


class WindowDataset(Dataset):
    """Sliding windows over a multivariate series; target = next value of channel 0."""

    def __init__(self, series, window):
        self.series = torch.from_numpy(series)
        self.window = window

    def __len__(self):
        return len(self.series) - self.window

    def __getitem__(self, i):
        return self.series[i:i + self.window], self.series[i + self.window, 0]


class LSTMRegressor(nn.Module):
    def __init__(self, n_feat, hidden=48, layers=2):
        super().__init__()
        self.hidden, self.layers = hidden, layers
        self.lstm = nn.LSTM(n_feat, hidden, layers, batch_first=True)
        self.fc = nn.Linear(hidden, 1)
        self.state = self.init_hidden(BATCH_SIZE)

    def init_hidden(self, batch_size):
        return (torch.zeros(self.layers, batch_size, self.hidden),
                torch.zeros(self.layers, batch_size, self.hidden))

    def forward(self, x):
        out, _ = self.lstm(x, self.state)
        return self.fc(out[:, -1]).squeeze(-1)


if __name__ == "__main__":
    rng = np.random.default_rng(0)
    torch.manual_seed(0)
    series = np.cumsum(rng.standard_normal((300, N_FEAT)), axis=0).astype(np.float32)
    series = (series - series.mean(0)) / series.std(0)
    loader = DataLoader(WindowDataset(series, WINDOW), batch_size=BATCH_SIZE, shuffle=True, num_workers=2)
    model = LSTMRegressor(N_FEAT)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        for xb, yb in loader:
            loss = nn.functional.mse_loss(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(f"epoch {epoch}: {loss.item():.4f}")
