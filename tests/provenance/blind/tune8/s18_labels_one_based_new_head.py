# the label map numbers classes from 1, so the last class id equals num_classes and is out of range for the new 5-way head
# expect: label_to_id
# also-accept: {name: i + 1 for i, name in enumerate(CLASS_NAMES)}
# category: data/labels
# made-at: 15
# %%
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)

# %%
CLASS_NAMES = ["daisy", "dandelion", "rose", "sunflower", "tulip"]
label_to_id = {name: i + 1 for i, name in enumerate(CLASS_NAMES)}


class FlowerFeatures(Dataset):
    """pretend these are image files listed in a CSV as (path, class name)"""
    def __init__(self, n=60):
        g = torch.Generator().manual_seed(1)
        self.items = [(f"img_{i:04d}.jpg", CLASS_NAMES[i % len(CLASS_NAMES)]) for i in range(n)]
        self.pixels = torch.rand(n, 3, 32, 32, generator=g)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        _, name = self.items[i]
        return self.pixels[i], label_to_id[name]


# %%
def pretrained_backbone():
    net = nn.Sequential(nn.Conv2d(3, 24, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4), nn.Flatten(),
                        nn.Linear(24 * 16, 128), nn.ReLU())
    return net


class FineTuner(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = pretrained_backbone()
        self.head = nn.Linear(128, num_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


# %%
model = FineTuner(num_classes=len(CLASS_NAMES))
for p in model.backbone.parameters():
    p.requires_grad = False
opt = torch.optim.AdamW(model.head.parameters(), lr=3e-3)
loader = DataLoader(FlowerFeatures(), batch_size=16, shuffle=True)

# %%
for epoch in range(2):
    for imgs, labels in loader:
        loss = nn.functional.cross_entropy(model(imgs), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print("epoch", epoch, "loss", round(loss.item(), 4))
