# Segmentation masks keep a channel dimension (B,1,H,W) while CrossEntropyLoss wants (B,H,W)
# expect: masks
# also-accept: self.masks
# category: shape/target-shape
# made-at: 16
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class RoadSegmentation(Dataset):
    def __init__(self, n=12, size=32, n_classes=3):
        self.images = torch.rand(n, 3, size, size)
        self.masks = torch.randint(0, n_classes, (n, 1, size, size))

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i], self.masks[i]


seg_head = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 3, 1)
)
loader = DataLoader(RoadSegmentation(), batch_size=4)
opt = torch.optim.SGD(seg_head.parameters(), lr=0.1)
for images, masks in loader:
    logits = seg_head(images)
    loss = nn.functional.cross_entropy(logits, masks)
    opt.zero_grad()
    loss.backward()
    opt.step()

    print("loss", loss.item())

seg_head.eval()
with torch.no_grad():
    images, masks = next(iter(loader))
    pred = seg_head(images).argmax(1)
    iou = ((pred == 1) & (masks.squeeze(1) == 1)).sum() / ((pred == 1) | (masks.squeeze(1) == 1)).sum()
print("road IoU", iou.item())

# raises: RuntimeError: only batches of spatial targets supported (3D tensors) but got targets of dimension: 4
