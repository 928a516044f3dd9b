# The detection loader uses the default collate, which tries to stack per-image box tensors of different lengths (it needs a collate_fn that keeps lists)
# expect: DataLoader(dataset, batch_size=4, shuffle=True, num_workers=2)
# category: data/collate
# made-at: 52
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset


class ShapesDetection(Dataset):
    """Synthetic images with a variable number of boxes, targets as dicts like torchvision's detection API."""

    def __init__(self, n=40, size=64):
        g = torch.Generator().manual_seed(0)
        self.samples = []
        for _ in range(n):
            k = int(torch.randint(1, 5, (1,), generator=g))
            xy = torch.randint(0, size - 16, (k, 2), generator=g).float()
            wh = torch.randint(8, 16, (k, 2), generator=g).float()
            boxes = torch.cat([xy, xy + wh], dim=1)
            labels = torch.randint(1, 4, (k,), generator=g)
            self.samples.append((torch.rand(3, size, size, generator=g), {"boxes": boxes, "labels": labels}))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        image, target = self.samples[i]
        return image, {"boxes": target["boxes"].clone(), "labels": target["labels"].clone()}


class TinyDetector(nn.Module):
    def __init__(self, n_classes=4):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.cls = nn.Linear(16, n_classes)
        self.box = nn.Linear(16, 4)

    def forward(self, images, targets):
        feats = self.backbone(torch.stack(list(images)))
        losses = []
        for f, t in zip(feats, targets):
            n = len(t["labels"])
            losses.append(nn.functional.cross_entropy(self.cls(f).expand(n, -1), t["labels"]))
            losses.append(nn.functional.smooth_l1_loss(self.box(f).expand(n, -1), t["boxes"] / 64))
        return sum(losses) / len(losses)


def main():
    torch.manual_seed(0)
    dataset = ShapesDetection()
    loader = DataLoader(dataset, batch_size=4, shuffle=True, num_workers=2)
    model = TinyDetector()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    for images, targets in loader:
        loss = model(images, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
