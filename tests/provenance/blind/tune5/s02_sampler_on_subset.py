# The loader over the Subset is also given a SubsetRandomSampler of the full-dataset indices, so indices past the subset's length are drawn
# expect: sampler=SubsetRandomSampler(train_idx)
# category: data/sampler
# made-at: 29
import torch
from torch.utils.data import DataLoader, Dataset, Subset, SubsetRandomSampler


class SensorDataset(Dataset):
    def __init__(self, n=500, channels=6, length=128):
        g = torch.Generator().manual_seed(0)
        self.x = torch.randn(n, channels, length, generator=g)
        self.y = torch.randint(0, 4, (n,), generator=g)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


def make_loaders(batch_size=32):
    full = SensorDataset()
    perm = torch.randperm(len(full))
    n_train = int(0.8 * len(full))
    train_idx, val_idx = perm[:n_train], perm[n_train:]
    train_ds = Subset(full, train_idx)
    val_ds = Subset(full, val_idx)
    train_loader = DataLoader(train_ds, batch_size=batch_size, sampler=SubsetRandomSampler(train_idx), num_workers=2)
    val_loader = DataLoader(val_ds, batch_size=batch_size, num_workers=2)
    return train_loader, val_loader


def main():
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Conv1d(6, 16, 5), torch.nn.ReLU(), torch.nn.AdaptiveAvgPool1d(1), torch.nn.Flatten(), torch.nn.Linear(16, 4)
    )
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    train_loader, val_loader = make_loaders()
    for epoch in range(2):
        for xb, yb in train_loader:
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
        print("epoch", epoch, loss.item())


if __name__ == "__main__":
    main()
