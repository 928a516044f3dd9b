# The classifier's input size was computed by hand for two pooling stages (64 * 8 * 8) but the feature extractor has three, so the flattened features are 64 * 4 * 4 wide
# expect: nn.Linear(64 * 8 * 8, cfg.fc_dim)
# category: shape/flatten
# made-at: 37
"""CIFAR-10-style CNN with a small Trainer class and a dataclass config."""
from dataclasses import dataclass, field

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class TrainConfig:
    image_size: int = 32
    in_channels: int = 3
    channels: list = field(default_factory=lambda: [32, 64, 64])
    fc_dim: int = 256
    num_classes: int = 10
    batch_size: int = 64
    epochs: int = 2
    lr: float = 1e-3
    seed: int = 0


class SmallCNN(nn.Module):
    def __init__(self, cfg: TrainConfig):
        super().__init__()
        layers, c_in = [], cfg.in_channels
        for c_out in cfg.channels:
            layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True), nn.MaxPool2d(2)]
            c_in = c_out
        self.features = nn.Sequential(*layers)
        # 32 -> 16 -> 8 after pooling
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64 * 8 * 8, cfg.fc_dim),
            nn.ReLU(inplace=True),
            nn.Dropout(0.5),
            nn.Linear(cfg.fc_dim, cfg.num_classes),
        )

    def forward(self, x):
        return self.classifier(self.features(x))


class Trainer:
    def __init__(self, model, cfg: TrainConfig):
        self.model = model
        self.cfg = cfg
        self.criterion = nn.CrossEntropyLoss()
        self.optimizer = torch.optim.Adam(model.parameters(), lr=cfg.lr)
        self.history = []

    def train_epoch(self, loader):
        self.model.train()
        total, correct, loss_sum = 0, 0, 0.0
        for images, labels in loader:
            logits = self.model(images)
            loss = self.criterion(logits, labels)
            self.optimizer.zero_grad()
            loss.backward()
            self.optimizer.step()
            loss_sum += loss.item() * images.size(0)
            correct += (logits.argmax(1) == labels).sum().item()
            total += images.size(0)
        return loss_sum / total, correct / total

    @torch.no_grad()
    def evaluate(self, loader):
        self.model.eval()
        correct = total = 0
        for images, labels in loader:
            correct += (self.model(images).argmax(1) == labels).sum().item()
            total += labels.size(0)
        return correct / total

    def fit(self, train_loader, val_loader):
        for epoch in range(self.cfg.epochs):
            tr_loss, tr_acc = self.train_epoch(train_loader)
            val_acc = self.evaluate(val_loader)
            self.history.append((tr_loss, tr_acc, val_acc))
            print(f"epoch {epoch}: loss {tr_loss:.3f} acc {tr_acc:.3f} val_acc {val_acc:.3f}")


def synthetic_cifar(n, cfg, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, cfg.in_channels, cfg.image_size, cfg.image_size, generator=g)
    y = torch.randint(0, cfg.num_classes, (n,), generator=g)
    return TensorDataset(x, y)


if __name__ == "__main__":
    cfg = TrainConfig()
    torch.manual_seed(cfg.seed)
    train_loader = DataLoader(synthetic_cifar(512, cfg, 1), batch_size=cfg.batch_size, shuffle=True)
    val_loader = DataLoader(synthetic_cifar(128, cfg, 2), batch_size=cfg.batch_size)
    trainer = Trainer(SmallCNN(cfg), cfg)
    trainer.fit(train_loader, val_loader)
