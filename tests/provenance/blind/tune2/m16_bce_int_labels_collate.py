# the custom collate_fn builds the multi-label targets with torch.tensor(list of ints), i.e. int64, but BCEWithLogitsLoss needs float targets
# expect: targets
# also-accept: collate_fn
# category: dtype/target-not-float
# made-at: 30
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

TAGS = ["indoor", "outdoor", "people", "animal", "vehicle"]


class TaggedImages(Dataset):
    def __init__(self, n=48):
        g = torch.Generator().manual_seed(3)
        self.images = torch.rand(n, 3, 24, 24, generator=g)
        self.tags = [
            [t for t in TAGS if torch.rand(1, generator=g).item() > 0.6] for _ in range(n)
        ]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return {"image": self.images[i], "tags": self.tags[i]}


def collate_fn(samples):
    images = torch.stack([s["image"] for s in samples])
    targets = torch.tensor([[int(t in s["tags"]) for t in TAGS] for s in samples])
    return images, targets


class Tagger(nn.Module):
    def __init__(self, n_tags):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.logits = nn.Linear(16, n_tags)

    def forward(self, x):
        return self.logits(self.features(x))


def main():
    loader = DataLoader(TaggedImages(), batch_size=8, shuffle=True, collate_fn=collate_fn, num_workers=2)
    model = Tagger(len(TAGS))
    criterion = nn.BCEWithLogitsLoss()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    for epoch in range(2):
        for images, targets in loader:
            loss = criterion(model(images), targets)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    main()
