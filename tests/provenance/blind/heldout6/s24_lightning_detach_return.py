# training_step returns loss.detach() (copied from the logging line), so the hand-written trainer's backward gets a tensor with no graph
# expect: return loss.detach()
# category: autograd/no-grad
# made-at: 24
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class LitRegressor(nn.Module):
    def __init__(self, in_dim=8, lr=1e-2):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(in_dim, 32), nn.Tanh(), nn.Linear(32, 1))
        self.lr = lr
        self.logged = {}

    def log(self, name, value):
        self.logged.setdefault(name, []).append(float(value))

    def training_step(self, batch, batch_idx):
        x, y = batch
        loss = nn.functional.smooth_l1_loss(self.net(x), y)
        self.log("train_loss", loss.detach())
        return loss.detach()

    def validation_step(self, batch, batch_idx):
        x, y = batch
        self.log("val_loss", nn.functional.smooth_l1_loss(self.net(x), y))

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr)


class MiniTrainer:
    def __init__(self, max_epochs=2):
        self.max_epochs = max_epochs

    def fit(self, module, train_loader, val_loader):
        opt = module.configure_optimizers()
        for epoch in range(self.max_epochs):
            module.train()
            for i, batch in enumerate(train_loader):
                out = module.training_step(batch, i)
                opt.zero_grad()
                out.backward()
                opt.step()
            module.eval()
            with torch.no_grad():
                for i, batch in enumerate(val_loader):
                    module.validation_step(batch, i)
            print(epoch, module.logged["val_loss"][-1])


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(320, 8)
    y = x.sum(1, keepdim=True).tanh()
    train_loader = DataLoader(TensorDataset(x[:256], y[:256]), batch_size=32, shuffle=True)
    val_loader = DataLoader(TensorDataset(x[256:], y[256:]), batch_size=32)
    MiniTrainer().fit(LitRegressor(), train_loader, val_loader)
