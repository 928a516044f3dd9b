# Labels stored as float32 in the Dataset, so CrossEntropyLoss receives float class indices of shape (B,)
# expect: self.labels
# also-accept: labels
# category: dtype/target-not-long
# made-at: 17
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

torch.manual_seed(0)


class TabularDataset(Dataset):
    def __init__(self, n_rows=200, n_features=12, n_classes=3):
        self.features = torch.randn(n_rows, n_features)
        raw = torch.randint(0, n_classes, (n_rows,)).tolist()
        self.labels = torch.tensor(raw, dtype=torch.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, idx):
        return self.features[idx], self.labels[idx]


class MLP(nn.Module):
    def __init__(self, n_in, n_hidden, n_out):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_in, n_hidden),
            nn.ReLU(),
            nn.Dropout(0.1),
            nn.Linear(n_hidden, n_out),
        )

    def forward(self, x):
        return self.net(x)


def train_one_epoch(model, loader, criterion, optimizer):
    model.train()
    running = 0.0
    for features, labels in loader:
        optimizer.zero_grad()
        logits = model(features)
        loss = criterion(logits, labels)
        loss.backward()
        optimizer.step()
        running += loss.item()
    return running / len(loader)


if __name__ == "__main__":
    ds = TabularDataset()
    loader = DataLoader(ds, batch_size=32, shuffle=True)
    model = MLP(12, 64, 3)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(3):
        avg = train_one_epoch(model, loader, criterion, optimizer)
        print(f"epoch {epoch} loss {avg:.4f}")

# raises: RuntimeError: expected target dtype to be Long or Byte, but got Float
