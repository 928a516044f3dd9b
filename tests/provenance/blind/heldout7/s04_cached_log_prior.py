# The head caches log_softmax(prior_logits) on the first forward and reuses that tensor (with its graph) on every later step, so the second backward goes through a freed graph
# expect: torch.log_softmax(self.prior_logits, dim=0)
# also-accept: self._log_prior
# category: autograd/graph-reuse
# made-at: 37
"""Lightning-style module + a tiny hand-written trainer (no lightning installed here)."""
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset


@dataclass
class HParams:
    in_dim: int = 32
    hidden: int = 64
    num_classes: int = 6
    lr: float = 1e-3
    batch_size: int = 32
    max_epochs: int = 3


class PriorAdjustedHead(nn.Module):
    """Linear classifier plus a learned log class prior (logit adjustment for imbalanced labels)."""

    def __init__(self, in_dim, num_classes):
        super().__init__()
        self.fc = nn.Linear(in_dim, num_classes)
        self.prior_logits = nn.Parameter(torch.zeros(num_classes))
        self._log_prior = None

    def forward(self, h):
        if self._log_prior is None:
            # the prior does not depend on the input, compute it once
            self._log_prior = torch.log_softmax(self.prior_logits, dim=0)
        return self.fc(h) + self._log_prior


class LitClassifier(nn.Module):
    def __init__(self, hp: HParams):
        super().__init__()
        self.hp = hp
        self.backbone = nn.Sequential(nn.Linear(hp.in_dim, hp.hidden), nn.ReLU(), nn.Linear(hp.hidden, hp.hidden), nn.ReLU())
        self.head = PriorAdjustedHead(hp.hidden, hp.num_classes)

    def forward(self, x):
        return self.head(self.backbone(x))

    def training_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        loss = F.cross_entropy(logits, y)
        return loss

    def validation_step(self, batch, batch_idx):
        x, y = batch
        logits = self(x)
        return (logits.argmax(1) == y).float().mean()

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.hp.lr)


class MiniTrainer:
    def __init__(self, max_epochs, log_every=10):
        self.max_epochs = max_epochs
        self.log_every = log_every
        self.global_step = 0

    def fit(self, module, train_loader, val_loader):
        optimizer = module.configure_optimizers()
        for epoch in range(self.max_epochs):
            module.train()
            for batch_idx, batch in enumerate(train_loader):
                optimizer.zero_grad()
                loss = module.training_step(batch, batch_idx)
                loss.backward()
                optimizer.step()
                self.global_step += 1
                if self.global_step % self.log_every == 0:
                    print(f"epoch {epoch} step {self.global_step} loss {loss.item():.4f}")
            module.eval()
            with torch.no_grad():
                accs = [module.validation_step(b, i) for i, b in enumerate(val_loader)]
            print(f"epoch {epoch} val_acc {torch.stack(accs).mean().item():.3f}")


def make_data(n, hp, seed):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, hp.in_dim, generator=g)
    # imbalanced labels
    probs = torch.tensor([0.4, 0.25, 0.15, 0.1, 0.06, 0.04])
    y = torch.multinomial(probs, n, replacement=True, generator=g)
    return TensorDataset(x, y)


if __name__ == "__main__":
    torch.manual_seed(0)
    hp = HParams()
    train_loader = DataLoader(make_data(1024, hp, 0), batch_size=hp.batch_size, shuffle=True)
    val_loader = DataLoader(make_data(256, hp, 1), batch_size=hp.batch_size)
    model = LitClassifier(hp)
    MiniTrainer(max_epochs=hp.max_epochs).fit(model, train_loader, val_loader)
