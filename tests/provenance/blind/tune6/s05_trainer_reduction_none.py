# The trainer's criterion is built with reduction="none" (for per-sample weights that are never applied), so backward gets a vector loss
# expect: nn.BCEWithLogitsLoss(reduction="none")
# also-accept: loss.backward()
# category: autograd/loss-shape
# made-at: 17
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


class Trainer:
    def __init__(self, model, train_ds, val_ds, lr=1e-3, batch_size=32):
        self.model = model
        self.train_loader = DataLoader(train_ds, batch_size=batch_size, shuffle=True)
        self.val_loader = DataLoader(val_ds, batch_size=batch_size)
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        self.criterion = nn.BCEWithLogitsLoss(reduction="none")
        self.history = []

    def training_step(self, batch):
        x, y = batch
        logits = self.model(x).squeeze(-1)
        return self.criterion(logits, y)

    def fit(self, epochs):
        for epoch in range(epochs):
            self.model.train()
            running = 0.0
            for batch in self.train_loader:
                self.optimizer.zero_grad()
                loss = self.training_step(batch)
                loss.backward()
                self.optimizer.step()
                running += loss.mean().item()
            self.history.append(running / len(self.train_loader))
            print(f"epoch {epoch}: {self.history[-1]:.4f} val_acc {self.evaluate():.3f}")

    @torch.no_grad()
    def evaluate(self):
        self.model.eval()
        correct = n = 0
        for x, y in self.val_loader:
            pred = (self.model(x).squeeze(-1) > 0).float()
            correct += (pred == y).sum().item()
            n += len(y)
        return correct / n


def make_split(n, d, g):
    x = torch.randn(n, d, generator=g)
    w = torch.randn(d, generator=g)
    y = (x @ w > 0).float()
    return TensorDataset(x, y)


if __name__ == "__main__":
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 1))
    trainer = Trainer(model, make_split(400, 16, g), make_split(100, 16, g))
    trainer.fit(epochs=3)
