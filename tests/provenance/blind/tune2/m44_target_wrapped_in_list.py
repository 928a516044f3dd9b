# __getitem__ wraps the label in a list (torch.tensor([label])), so targets are (B, 1) while the squeezed logits are (B,)
# expect: target
# also-accept: targets
# category: shape/target-shape
# made-at: 21
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class SpamDataset(Dataset):
    def __init__(self, n=64, n_features=30):
        g = torch.Generator().manual_seed(2)
        self.features = torch.rand(n, n_features, generator=g)
        self.is_spam = (self.features[:, :5].sum(1) > 2.5).tolist()

    def __len__(self):
        return len(self.features)

    def __getitem__(self, idx):
        target = torch.tensor([float(self.is_spam[idx])])
        return self.features[idx], target


class LogReg(nn.Module):
    def __init__(self, n_features=30):
        super().__init__()
        self.linear = nn.Linear(n_features, 1)

    def forward(self, x):
        return self.linear(x).squeeze(-1)


def fit(model, loader, epochs=3, lr=0.1):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    criterion = nn.BCEWithLogitsLoss()
    for epoch in range(epochs):
        running = 0.0
        for features, targets in loader:
            logits = model(features)
            loss = criterion(logits, targets)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch}: {running / len(loader):.4f}")


fit(LogReg(), DataLoader(SpamDataset(), batch_size=16, shuffle=True))
