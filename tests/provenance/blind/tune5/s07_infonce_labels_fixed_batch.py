# The InfoNCE targets are made once as arange(batch_size) in __init__, so the smaller last batch has too many targets
# expect: torch.arange(batch_size)
# category: shape/batch
# made-at: 30
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    """Two noisy views of the same vector."""

    def __init__(self, n=300, d=32):
        g = torch.Generator().manual_seed(1)
        self.base = torch.randn(n, d, generator=g)

    def __len__(self):
        return len(self.base)

    def __getitem__(self, i):
        x = self.base[i]
        return x + 0.1 * torch.randn_like(x), x + 0.1 * torch.randn_like(x)


class InfoNCE(nn.Module):
    def __init__(self, batch_size, temperature=0.1):
        super().__init__()
        self.temperature = temperature
        self.register_buffer("labels", torch.arange(batch_size))

    def forward(self, z1, z2):
        z1, z2 = F.normalize(z1, dim=1), F.normalize(z2, dim=1)
        logits = z1 @ z2.t() / self.temperature
        return F.cross_entropy(logits, self.labels)


class Trainer:
    def __init__(self, batch_size=64, lr=1e-3):
        self.encoder = nn.Sequential(nn.Linear(32, 128), nn.ReLU(), nn.Linear(128, 64))
        self.criterion = InfoNCE(batch_size)
        self.opt = torch.optim.Adam(self.encoder.parameters(), lr=lr)
        self.loader = DataLoader(PairDataset(), batch_size=batch_size, shuffle=True)

    def train_one_epoch(self, epoch):
        total = 0.0
        for v1, v2 in self.loader:
            loss = self.criterion(self.encoder(v1), self.encoder(v2))
            self.opt.zero_grad()
            loss.backward()
            self.opt.step()
            total += loss.item()
        print(f"epoch {epoch} loss {total / len(self.loader):.4f}")


if __name__ == "__main__":
    torch.manual_seed(0)
    trainer = Trainer()
    for epoch in range(2):
        trainer.train_one_epoch(epoch)
