# The custom collate_fn returns the feature vectors as a Python list instead of stacking them into a tensor
# expect: feats
# also-accept: [item["features"] for item in batch]
# category: data/collate-type
# made-at: 25
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class RecordDataset(Dataset):
    def __init__(self, n=96):
        g = torch.Generator().manual_seed(0)
        self.x = torch.randn(n, 10, generator=g)
        self.y = (self.x[:, 0] > 0).long()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return {"features": self.x[i], "label": self.y[i], "id": i}


def collate(batch):
    feats = [item["features"] for item in batch]
    labels = torch.stack([item["label"] for item in batch])
    ids = [item["id"] for item in batch]
    return {"features": feats, "label": labels, "ids": ids}


model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 2))
opt = torch.optim.Adam(model.parameters())
loader = DataLoader(RecordDataset(), batch_size=16, shuffle=True, collate_fn=collate, num_workers=2)
for batch in loader:
    logits = model(batch["features"])
    loss = nn.functional.cross_entropy(logits, batch["label"])
    opt.zero_grad()
    loss.backward()
    opt.step()
