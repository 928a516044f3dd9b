# New classification head sized for 512 features, but the (frozen) backbone's last block outputs 256
# expect: self.head
# also-accept: cfg["feat_dim"]
# category: shape/matmul-mismatch
# made-at: 34
import torch
import torch.nn as nn

torch.manual_seed(0)

cfg = {"feat_dim": 512, "num_classes": 5, "lr": 3e-4}


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2))


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.Sequential(conv_block(3, 64), conv_block(64, 128), conv_block(128, 256))
        self.pool = nn.AdaptiveAvgPool2d(1)

    def forward(self, x):
        return self.pool(self.stages(x)).flatten(1)


class FineTuner(nn.Module):
    def __init__(self, backbone, cfg):
        super().__init__()
        self.backbone = backbone
        for p in self.backbone.parameters():
            p.requires_grad = False
        self.head = nn.Linear(cfg["feat_dim"], cfg["num_classes"])

    def forward(self, x):
        with torch.no_grad():
            feats = self.backbone(x)
        return self.head(feats)


model = FineTuner(Backbone(), cfg)
opt = torch.optim.AdamW(model.head.parameters(), lr=cfg["lr"])
x = torch.rand(8, 3, 64, 64)
y = torch.randint(0, cfg["num_classes"], (8,))
for step in range(2):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (8x256 and 512x5)
