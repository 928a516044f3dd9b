# The validation dataset (written separately from the training one) returns each label wrapped in a list, so batches of targets are (N, 1) and cross_entropy rejects them as multi-target
# expect: torch.tensor([label])
# category: data/target-shape
# made-at: 45
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)
NUM_CLASSES = 6
SEQ_LEN, N_CHANNELS = 64, 3   # accelerometer windows, 3 axes


def synth_activity(n, seed):
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, NUM_CLASSES, (n,), generator=g)
    t = torch.linspace(0, 1, SEQ_LEN)
    freq = (labels.float() + 1.0).view(-1, 1, 1)
    signal = torch.sin(2 * torch.pi * freq * t) + 0.3 * torch.randn(n, N_CHANNELS, SEQ_LEN, generator=g)
    return signal, labels.tolist()


class HARTrainDataset(Dataset):
    def __init__(self, signals, labels):
        self.signals, self.labels = signals, labels

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.signals[i], self.labels[i]


class HARValDataset(Dataset):
    """Validation windows come with their subject id; we keep the label only."""

    def __init__(self, signals, labels, subjects):
        self.signals, self.labels, self.subjects = signals, labels, subjects

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        label = self.labels[i]
        return self.signals[i], torch.tensor([label])


class Conv1dNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(N_CHANNELS, 32, 7, padding=3), nn.BatchNorm1d(32), nn.ReLU(), nn.MaxPool1d(2),
            nn.Conv1d(32, 64, 5, padding=2), nn.BatchNorm1d(64), nn.ReLU(), nn.AdaptiveAvgPool1d(1),
        )
        self.head = nn.Linear(64, NUM_CLASSES)

    def forward(self, x):
        return self.head(self.body(x).squeeze(-1))


def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    total = 0.0
    for x, y in loader:
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item()
    return total / len(loader)


@torch.no_grad()
def evaluate(model, loader, criterion):
    model.eval()
    loss_sum, correct, n = 0.0, 0, 0
    for x, y in loader:
        logits = model(x)
        loss_sum += criterion(logits, y).item() * x.size(0)
        correct += (logits.argmax(1) == y).sum().item()
        n += x.size(0)
    return loss_sum / n, correct / n


tr_x, tr_y = synth_activity(320, seed=1)
va_x, va_y = synth_activity(120, seed=2)
train_loader = DataLoader(HARTrainDataset(tr_x, tr_y), batch_size=32, shuffle=True)
val_loader = DataLoader(HARValDataset(va_x, va_y, subjects=[i % 5 for i in range(120)]), batch_size=64)

model = Conv1dNet()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
for epoch in range(3):
    tr_loss = train_one_epoch(model, train_loader, optimizer, criterion)
    va_loss, va_acc = evaluate(model, val_loader, criterion)
    print(f"epoch {epoch}: train {tr_loss:.3f} | val {va_loss:.3f} acc {va_acc:.3f}")
