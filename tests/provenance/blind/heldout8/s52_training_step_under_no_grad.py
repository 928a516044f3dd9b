# training_step computes the loss inside torch.no_grad() (meant only for the metric), so the returned loss has no grad_fn and backward fails.
# expect: torch.no_grad()
# also-accept: loss
# category: autograd/no-grad
# made-at: 39
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class LitModule(nn.Module):
    """Minimal Lightning-style module."""

    def __init__(self):
        super().__init__()
        self.logged = {}

    def log(self, name, value):
        self.logged[name] = float(value)


class LitForecaster(LitModule):
    def __init__(self, window=24, horizon=6, lr=1e-3):
        super().__init__()
        self.lr = lr
        self.gru = nn.GRU(1, 32, batch_first=True)
        self.head = nn.Linear(32, horizon)

    def forward(self, x):
        _, h = self.gru(x.unsqueeze(-1))
        return self.head(h[-1])

    def training_step(self, batch, batch_idx):
        x, y = batch
        y_hat = self(x)
        with torch.no_grad():
            loss = F.mse_loss(y_hat, y)
            mae = (y_hat - y).abs().mean()
        self.log("train_loss", loss)
        self.log("train_mae", mae)
        return loss

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


class MiniTrainer:
    def __init__(self, max_epochs=2):
        self.max_epochs = max_epochs

    def fit(self, module, loader):
        opt = module.configure_optimizers()
        for epoch in range(self.max_epochs):
            module.train()
            for i, batch in enumerate(loader):
                opt.zero_grad()
                loss = module.training_step(batch, i)
                loss.backward()
                opt.step()
            print(f"epoch {epoch}: {module.logged}")


t = torch.arange(0, 2000, dtype=torch.float32)
series = torch.sin(t / 20) + 0.1 * torch.randn_like(t)
W, H = 24, 6
xs = torch.stack([series[i:i + W] for i in range(0, 1500)])
ys = torch.stack([series[i + W:i + W + H] for i in range(0, 1500)])
loader = DataLoader(TensorDataset(xs, ys), batch_size=64, shuffle=True)
MiniTrainer().fit(LitForecaster(W, H), loader)
