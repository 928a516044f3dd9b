# object labels are 1..3 because 0 is reserved for background, but the classification head is built with num_classes=3, so label 3 is out of range for cross_entropy
# expect: NUM_CLASSES = 3
# category: index/target
# made-at: 13
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import Dataset, DataLoader

IMG = 48
CLASS_NAMES = ["__background__", "circle", "square", "cross"]
NUM_CLASSES = 3


class ProposalDataset(Dataset):
    """Crops around region proposals; label 0 = background, 1..3 = object classes."""

    def __init__(self, n=96, seed=0):
        rng = np.random.default_rng(seed)
        self.crops = rng.standard_normal((n, 3, IMG, IMG)).astype(np.float32)
        self.labels = rng.integers(0, len(CLASS_NAMES), n)
        self.boxes = rng.uniform(0, 1, (n, 4)).astype(np.float32)

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return torch.from_numpy(self.crops[i]), int(self.labels[i]), torch.from_numpy(self.boxes[i])


class RoIHead(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
            nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.cls_score = nn.Linear(32, num_classes)
        self.bbox_pred = nn.Linear(32, 4)

    def forward(self, x):
        f = self.body(x)
        return self.cls_score(f), self.bbox_pred(f)


torch.manual_seed(0)
loader = DataLoader(ProposalDataset(), batch_size=16, shuffle=True)
model = RoIHead(NUM_CLASSES)
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

for epoch in range(2):
    for crops, labels, boxes in loader:
        cls_logits, box_deltas = model(crops)
        loss_cls = F.cross_entropy(cls_logits, labels)
        fg = labels > 0
        loss_box = F.smooth_l1_loss(box_deltas[fg], boxes[fg]) if fg.any() else box_deltas.sum() * 0
        loss = loss_cls + loss_box
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: cls {loss_cls.item():.3f} box {loss_box.item():.3f}")
