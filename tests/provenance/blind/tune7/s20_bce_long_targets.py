# The dataset returns the binary label as an int64 tensor; BCEWithLogitsLoss needs float targets
# expect: torch.tensor(self.labels[idx])
# category: dtype/target
# made-at: 24
"""Binary classifier (spam / not spam) on hashed bag-of-words features, Trainer-class style."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class HashedTextDataset(Dataset):
    def __init__(self, n, n_features=512, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.features = (torch.rand(n, n_features, generator=g) < 0.05).float()
        w = torch.randn(n_features, generator=g)
        self.labels = (self.features @ w > 0).long().tolist()

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.features[idx], torch.tensor(self.labels[idx])


class SpamClassifier(nn.Module):
    def __init__(self, n_features=512, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Dropout(0.2), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(x).squeeze(-1)


class Trainer:
    def __init__(self, model, lr=1e-3, pos_weight=None):
        self.model = model
        self.optimizer = torch.optim.Adam(model.parameters(), lr=lr)
        self.criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight)

    def training_step(self, batch):
        x, y = batch
        logits = self.model(x)
        loss = self.criterion(logits, y)
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()
        return loss.item()

    @torch.no_grad()
    def validate(self, loader):
        self.model.eval()
        correct = total = 0
        for x, y in loader:
            correct += ((self.model(x) > 0).long() == y).sum().item()
            total += len(y)
        self.model.train()
        return correct / total

    def fit(self, train_loader, val_loader, epochs):
        for epoch in range(epochs):
            losses = [self.training_step(b) for b in train_loader]
            print(f"epoch {epoch}: loss {sum(losses) / len(losses):.4f} val acc {self.validate(val_loader):.3f}")


train_loader = DataLoader(HashedTextDataset(1500, seed=1), batch_size=32, shuffle=True)
val_loader = DataLoader(HashedTextDataset(300, seed=2), batch_size=64)
trainer = Trainer(SpamClassifier(), pos_weight=torch.tensor(2.0))
trainer.fit(train_loader, val_loader, epochs=3)
