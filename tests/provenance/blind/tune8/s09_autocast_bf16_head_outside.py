# the backbone runs under CPU bfloat16 autocast but the new head is called after the with block, so bf16 features hit a float32 Linear
# expect: torch.autocast("cpu", dtype=torch.bfloat16)
# also-accept: feats
# category: dtype/autocast
# made-at: 34
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


def make_backbone():
    # stand-in for a pretrained feature extractor
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(),
    )


backbone = make_backbone()
for p in backbone.parameters():
    p.requires_grad = False
backbone.eval()

head = nn.Linear(64, 7)
opt = torch.optim.SGD(head.parameters(), lr=0.05, momentum=0.9)

images = torch.rand(16, 3, 64, 64)
targets = torch.randint(0, 7, (16,))

for step in range(5):
    with torch.autocast("cpu", dtype=torch.bfloat16):
        feats = backbone(images)
    logits = head(feats)
    loss = F.cross_entropy(logits, targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, loss.item())
