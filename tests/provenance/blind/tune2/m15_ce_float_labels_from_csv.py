# the Dataset returns the class label as a float32 tensor (read from the CSV with np.loadtxt), but CrossEntropyLoss needs int64 class indices
# expect: label
# also-accept: labels
# category: dtype/target-not-long
# made-at: 30
import io

import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

CSV = "f1,f2,f3,f4,species\n" + "\n".join(
    f"{5 + i % 3 * 0.5:.1f},{3 + i % 5 * 0.2:.1f},{1 + i % 7 * 0.6:.1f},{0.2 + i % 4 * 0.5:.1f},{i % 3}"
    for i in range(60)
)


class IrisLike(Dataset):
    def __init__(self, text):
        table = np.loadtxt(io.StringIO(text), delimiter=",", skiprows=1)
        self.features = table[:, :-1].astype(np.float32)
        self.targets = table[:, -1]

    def __len__(self):
        return len(self.features)

    def __getitem__(self, idx):
        x = torch.from_numpy(self.features[idx])
        label = torch.tensor(self.targets[idx], dtype=torch.float32)
        return x, label


def run_epoch(model, loader, criterion, optimizer):
    model.train()
    losses = []
    for features, labels in loader:
        optimizer.zero_grad()
        loss = criterion(model(features), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return sum(losses) / len(losses)


if __name__ == "__main__":
    ds = IrisLike(CSV)
    loader = DataLoader(ds, batch_size=10, shuffle=True, num_workers=2)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 3))
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(3):
        print(epoch, run_epoch(model, loader, criterion, optimizer))
