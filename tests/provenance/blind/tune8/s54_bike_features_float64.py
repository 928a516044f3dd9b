# The feature matrix is built with numpy in float64 and handed to torch.from_numpy unchanged, so the first Linear layer (float32) gets Double input.
# expect: X
# also-accept: torch.from_numpy(features)
# category: dtype/input
# made-at: 24
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
rng = np.random.default_rng(0)

# synthetic bike-sharing data: hour, weekday, temperature, humidity -> rentals
hours = np.arange(24 * 90)
hour_of_day = hours % 24
weekday = (hours // 24) % 7
temp = 15 + 10 * np.sin(2 * np.pi * hours / (24 * 365)) + rng.normal(0, 2, hours.size)
humidity = rng.uniform(0.3, 0.9, hours.size)
counts_np = rng.poisson(50 + 40 * np.exp(-((hour_of_day - 17) ** 2) / 8) + 2 * temp)

features = np.stack([np.sin(2 * np.pi * hour_of_day / 24), np.cos(2 * np.pi * hour_of_day / 24),
                     weekday / 6, (temp - temp.mean()) / temp.std(), humidity], axis=1)
X = torch.from_numpy(features)
counts = torch.from_numpy(counts_np).float()

loader = DataLoader(TensorDataset(X, counts), batch_size=128, shuffle=True)
model = nn.Sequential(nn.Linear(5, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

for epoch in range(5):
    running = 0.0
    for xb, yb in loader:
        pred = model(xb).squeeze(-1)
        loss = loss_fn(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        running += loss.item()
    print(f"epoch {epoch} mse {running / len(loader):.1f}")
