# each image has a different number of boxes, but the DataLoader is built without a collate_fn, so default_collate tries to stack the box tensors in the worker
# expect: DataLoader(dataset, batch_size=4, shuffle=True, num_workers=2)
# category: data/collate
# made-at: 60
import random

import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader


class ShapesDetection(Dataset):
    """Synthetic detection set: images with 1-5 rectangles, Pascal-VOC style targets."""

    def __init__(self, n_images=40, img_size=64, seed=1):
        g = torch.Generator().manual_seed(seed)
        rnd = random.Random(seed)
        self.samples = []
        for _ in range(n_images):
            img = torch.rand(3, img_size, img_size, generator=g)
            n_obj = rnd.randint(1, 5)
            boxes, labels = [], []
            for _ in range(n_obj):
                x0, y0 = rnd.randint(0, 40), rnd.randint(0, 40)
                w, h = rnd.randint(8, 23), rnd.randint(8, 23)
                boxes.append([x0, y0, x0 + w, y0 + h])
                labels.append(rnd.randint(1, 3))
            self.samples.append((img, boxes, labels))

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        img, boxes, labels = self.samples[idx]
        target = {
            "boxes": torch.tensor(boxes, dtype=torch.float32),
            "labels": torch.tensor(labels, dtype=torch.int64),
        }
        return img, target


class TinyDetector(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.cls = nn.Linear(32, num_classes)
        self.box = nn.Linear(32, 4)

    def forward(self, x):
        f = self.backbone(x)
        return self.cls(f), self.box(f)


def main():
    torch.manual_seed(0)
    dataset = ShapesDetection()
    loader = DataLoader(dataset, batch_size=4, shuffle=True, num_workers=2)
    model = TinyDetector()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    for epoch in range(2):
        for images, targets in loader:
            cls_logits, box_pred = model(images)
            # crude single-box objective: predict the first box of each image
            first_boxes = targets["boxes"][:, 0, :] / 64.0
            first_labels = targets["labels"][:, 0]
            loss = nn.functional.cross_entropy(cls_logits, first_labels) + \
                nn.functional.smooth_l1_loss(box_pred, first_boxes)
            opt.zero_grad()
            loss.backward()
            opt.step()
        print("epoch", epoch, "loss", loss.item())


if __name__ == "__main__":
    main()
