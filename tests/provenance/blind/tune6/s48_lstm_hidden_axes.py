# init_hidden lays the LSTM state out as (batch, layers, hidden) instead of (layers, batch, hidden)
# expect: torch.zeros(batch_size, self.num_layers, self.hidden_size)
# category: shape/rnn-hidden
# made-at: 28
import torch
import torch.nn as nn

HPARAMS = {
    "n_features": 6,
    "hidden_size": 32,
    "num_layers": 2,
    "dropout": 0.1,
    "window": 30,
    "batch_size": 16,
    "lr": 1e-3,
}


class Forecaster(nn.Module):
    def __init__(self, n_features, hidden_size, num_layers, dropout):
        super().__init__()
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.lstm = nn.LSTM(n_features, hidden_size, num_layers, dropout=dropout, batch_first=True)
        self.head = nn.Linear(hidden_size, 1)

    def init_hidden(self, batch_size):
        h0 = torch.zeros(batch_size, self.num_layers, self.hidden_size)
        c0 = torch.zeros_like(h0)
        return h0, c0

    def forward(self, x, hidden):
        out, hidden = self.lstm(x, hidden)
        return self.head(out[:, -1]), hidden


def windows(series, window):
    xs = series.unfold(0, window, 1).permute(0, 2, 1)[:-1]
    ys = series[window:, 0:1]
    return xs, ys


def build_model(hp):
    return Forecaster(hp["n_features"], hp["hidden_size"], hp["num_layers"], hp["dropout"])


def train_one_epoch(model, xs, ys, opt, bs):
    model.train()
    perm = torch.randperm(len(xs))
    for i in range(0, len(xs), bs):
        idx = perm[i:i + bs]
        hidden = model.init_hidden(len(idx))
        pred, _ = model(xs[idx], hidden)
        loss = nn.functional.l1_loss(pred, ys[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    t = torch.linspace(0, 40, 500)
    series = torch.stack([torch.sin(t * k) for k in range(1, HPARAMS["n_features"] + 1)], 1)
    xs, ys = windows(series, HPARAMS["window"])
    model = build_model(HPARAMS)
    opt = torch.optim.Adam(model.parameters(), lr=HPARAMS["lr"])
    for epoch in range(2):
        print(epoch, train_one_epoch(model, xs, ys, opt, HPARAMS["batch_size"]))
