# The mixup collate (run in the DataLoader workers) one-hots the labels without num_classes, so a batch that lacks the top class yields targets that are too narrow
# expect: F.one_hot(y)
# category: shape/target
# made-at: 35
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset

NUM_CLASSES = 10


class Blobs(Dataset):
    def __init__(self, n=640, d=20, seed=0):
        g = torch.Generator().manual_seed(seed)
        self.centers = torch.randn(NUM_CLASSES, d, generator=g) * 2
        self.y = torch.randint(0, NUM_CLASSES, (n,), generator=g)
        self.x = self.centers[self.y] + torch.randn(n, d, generator=g)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


class MixupCollate:
    def __init__(self, alpha=0.4, seed=0):
        self.alpha = alpha
        self.g = torch.Generator().manual_seed(seed)

    def __call__(self, batch):
        x = torch.stack([b[0] for b in batch])
        y = torch.stack([b[1] for b in batch])
        y = F.one_hot(y).float()
        lam = torch.distributions.Beta(self.alpha, self.alpha).sample().item()
        perm = torch.randperm(len(x), generator=self.g)
        return lam * x + (1 - lam) * x[perm], lam * y + (1 - lam) * y[perm]


def train_one_epoch(model, loader, opt):
    model.train()
    for i, (x, y_soft) in enumerate(loader):
        logits = model(x)
        loss = F.cross_entropy(logits, y_soft)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    loader = DataLoader(Blobs(), batch_size=16, shuffle=True, num_workers=2, collate_fn=MixupCollate())
    model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, NUM_CLASSES))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for epoch in range(3):
        print(epoch, train_one_epoch(model, loader, opt))
