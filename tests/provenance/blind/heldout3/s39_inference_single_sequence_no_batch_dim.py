# at inference a single sequence is passed without its batch dimension; the GRU accepts it unbatched but the [:, -1, :] indexing then fails
# expect: sample
# category: shape/missing-batch-dim
# made-at: 37
import torch
import torch.nn as nn


class Forecaster(nn.Module):
    def __init__(self, n_features=3, hidden=32, horizon=4):
        super().__init__()
        self.gru = nn.GRU(n_features, hidden, batch_first=True)
        self.head = nn.Linear(hidden, horizon)

    def forward(self, x):
        out, _ = self.gru(x)
        return self.head(out[:, -1, :])


def make_windows(series, window=24):
    xs = [series[i:i + window] for i in range(len(series) - window - 4)]
    ys = [series[i + window:i + window + 4, 0] for i in range(len(series) - window - 4)]
    return torch.stack(xs), torch.stack(ys)


series = torch.cumsum(torch.randn(200, 3), dim=0)
X, Y = make_windows(series)
model = Forecaster()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    loss = nn.functional.mse_loss(model(X), Y)
    opt.zero_grad()
    loss.backward()
    opt.step()

model.eval()
sample = series[-24:]
with torch.no_grad():
    forecast = model(sample)
print(forecast)
