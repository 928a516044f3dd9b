# Class labels are made by thresholding scores with .astype(np.float32), so CrossEntropyLoss gets float targets
# expect: (scores > 0.5).astype(np.float32)
# category: dtype/target
# made-at: 15
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def load_data(n=600, d=16, seed=0):
    rng = np.random.default_rng(seed)
    feats = rng.normal(size=(n, d)).astype(np.float32)
    scores = 1 / (1 + np.exp(-feats[:, 0] - 0.5 * feats[:, 1]))
    labels = (scores > 0.5).astype(np.float32)
    return feats, labels


class Classifier(nn.Module):
    def __init__(self, d, n_classes=2):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d, 32), nn.ReLU(), nn.Linear(32, n_classes))

    def forward(self, x):
        return self.net(x)


def train_one_epoch(model, loader, opt, loss_fn):
    model.train()
    for xb, yb in loader:
        opt.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        opt.step()
    return loss.item()


def main():
    torch.manual_seed(0)
    feats, labels = load_data()
    ds = TensorDataset(torch.from_numpy(feats), torch.from_numpy(labels))
    loader = DataLoader(ds, batch_size=64, shuffle=True)
    model = Classifier(feats.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    for epoch in range(3):
        print(epoch, train_one_epoch(model, loader, opt, loss_fn))


main()
