# the initial hidden state is built once per epoch for CONFIG["batch_size"] rows, so the smaller last batch cannot use it
# expect: hidden
# also-accept: CONFIG["batch_size"], model.init_hidden(CONFIG["batch_size"])
# category: shape/batch-size-mismatch
# made-at: 52
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG = {
    "n_features": 3,
    "hidden": 32,
    "layers": 2,
    "seq_len": 24,
    "batch_size": 16,
    "epochs": 2,
    "lr": 1e-3,
}


class Forecaster(nn.Module):
    def __init__(self, n_features, hidden, layers):
        super().__init__()
        self.hidden_size = hidden
        self.num_layers = layers
        self.lstm = nn.LSTM(n_features, hidden, layers, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def init_hidden(self, batch_size):
        h = torch.zeros(self.num_layers, batch_size, self.hidden_size)
        return h, torch.zeros_like(h)

    def forward(self, x, hidden):
        out, hidden = self.lstm(x, hidden)
        return self.head(out[:, -1]).squeeze(-1), hidden


def make_series(n=300):
    t = torch.arange(n + CONFIG["seq_len"], dtype=torch.float32)
    base = torch.stack([torch.sin(t / 7), torch.cos(t / 11), torch.sin(t / 3)], dim=1)
    xs = torch.stack([base[i : i + CONFIG["seq_len"]] for i in range(n)])
    ys = base[CONFIG["seq_len"] : CONFIG["seq_len"] + n, 0]
    return TensorDataset(xs, ys)


model = Forecaster(CONFIG["n_features"], CONFIG["hidden"], CONFIG["layers"])
loader = DataLoader(make_series(), batch_size=CONFIG["batch_size"], shuffle=False)
optimizer = torch.optim.Adam(model.parameters(), lr=CONFIG["lr"])
loss_fn = nn.MSELoss()

for epoch in range(CONFIG["epochs"]):
    hidden = model.init_hidden(CONFIG["batch_size"])
    epoch_loss = 0.0
    for x, y in loader:
        hidden = tuple(h.detach() for h in hidden)
        pred, hidden = model(x, hidden)
        loss = loss_fn(pred, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item() * len(x)
    print(f"epoch {epoch} mse {epoch_loss / len(loader.dataset):.4f}")
