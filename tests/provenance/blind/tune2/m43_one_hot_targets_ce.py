# the Dataset one-hot encodes the labels (F.one_hot gives int64 of shape (C,)), so CrossEntropyLoss sees a 2D long target
# expect: target
# also-accept: F.one_hot(torch.tensor(label), NUM_CLASSES)
# category: dtype/target-not-long
# made-at: 25
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

NUM_CLASSES = 4


class GestureDataset(Dataset):
    def __init__(self, n=40, frames=16, joints=10):
        g = torch.Generator().manual_seed(5)
        self.x = torch.randn(n, frames, joints * 2, generator=g)
        self.y = torch.randint(0, NUM_CLASSES, (n,), generator=g).tolist()

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        label = self.y[i]
        target = F.one_hot(torch.tensor(label), NUM_CLASSES)
        return self.x[i], target


class GestureNet(nn.Module):
    def __init__(self, in_dim=20, hidden=32):
        super().__init__()
        self.rnn = nn.GRU(in_dim, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, NUM_CLASSES)

    def forward(self, x):
        _, h = self.rnn(x)
        return self.fc(h[-1])


def train(model, loader, epochs=2):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for ep in range(epochs):
        for seqs, targets in loader:
            loss = loss_fn(model(seqs), targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(ep, loss.item())


train(GestureNet(), DataLoader(GestureDataset(), batch_size=8, shuffle=True))
