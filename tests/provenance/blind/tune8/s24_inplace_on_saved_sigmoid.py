# the gate activation is modified in place (gate *= mask) after sigmoid saved it for backward, so backward fails during fine-tuning
# expect: gate *= mask
# also-accept: gate
# category: autograd/inplace
# made-at: 21
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class GatedPooling(nn.Module):
    """attention-style pooling over a set of region features, padding regions masked out"""
    def __init__(self, dim):
        super().__init__()
        self.score = nn.Linear(dim, 1)

    def forward(self, feats, mask):
        gate = torch.sigmoid(self.score(feats)).squeeze(-1)   # (B, R)
        gate *= mask
        pooled = (gate.unsqueeze(-1) * feats).sum(1) / gate.sum(1, keepdim=True).clamp(min=1e-6)
        return pooled


class RegionClassifier(nn.Module):
    def __init__(self, dim=32, n_classes=6):
        super().__init__()
        self.backbone = nn.Sequential(nn.Linear(20, dim), nn.ReLU(), nn.Linear(dim, dim))
        self.pool = GatedPooling(dim)
        self.head = nn.Linear(dim, n_classes)

    def forward(self, regions, mask):
        return self.head(self.pool(self.backbone(regions), mask))


model = RegionClassifier()
# fine-tune only the pooling + head
for p in model.backbone.parameters():
    p.requires_grad = False
opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)

regions = torch.randn(8, 12, 20)
mask = (torch.rand(8, 12) > 0.3).float()
labels = torch.randint(0, 6, (8,))
for step in range(3):
    logits = model(regions, mask)
    loss = F.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 4))
