# the custom collate leaves the labels as a Python list instead of stacking them into a tensor
# expect: "labels": [s["label"] for s in samples]
# category: data/collate
# made-at: 40
import argparse

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ClipDataset(Dataset):
    """Variable-length feature clips with one label each."""

    def __init__(self, n, feat_dim, n_classes, seed):
        g = torch.Generator().manual_seed(seed)
        self.samples = []
        for _ in range(n):
            T = int(torch.randint(10, 50, (1,), generator=g))
            label = int(torch.randint(n_classes, (1,), generator=g))
            feats = torch.randn(T, feat_dim, generator=g) + 0.3 * label
            self.samples.append({"feats": feats, "label": label})

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        return self.samples[i]


def collate_clips(samples):
    T = max(s["feats"].shape[0] for s in samples)
    D = samples[0]["feats"].shape[1]
    feats = torch.zeros(len(samples), T, D)
    lengths = torch.zeros(len(samples), dtype=torch.long)
    for i, s in enumerate(samples):
        feats[i, : len(s["feats"])] = s["feats"]
        lengths[i] = len(s["feats"])
    return {"feats": feats, "lengths": lengths,
            "labels": [s["label"] for s in samples]}


class MaskedMeanPool(nn.Module):
    def __init__(self, d, n_classes):
        super().__init__()
        self.frame = nn.Sequential(nn.Linear(d, 128), nn.ReLU())
        self.out = nn.Linear(128, n_classes)

    def forward(self, feats, lengths):
        h = self.frame(feats)
        mask = (torch.arange(feats.shape[1])[None, :] < lengths[:, None]).unsqueeze(-1)
        return self.out((h * mask).sum(1) / lengths[:, None])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feat-dim", type=int, default=40)
    ap.add_argument("--classes", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--lr", type=float, default=1e-3)
    args = ap.parse_args([])
    torch.manual_seed(0)
    ds = ClipDataset(200, args.feat_dim, args.classes, seed=1)
    loader = DataLoader(ds, batch_size=args.batch_size, shuffle=True,
                        num_workers=args.workers, collate_fn=collate_clips)
    model = MaskedMeanPool(args.feat_dim, args.classes)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    crit = nn.CrossEntropyLoss()
    for step, batch in enumerate(loader):
        logits = model(batch["feats"], batch["lengths"])
        loss = crit(logits, batch["labels"])
        opt.zero_grad()
        loss.backward()
        opt.step()
        if step % 5 == 0:
            print(step, loss.item())


if __name__ == "__main__":
    main()
