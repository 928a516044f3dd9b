# The freezing rule keeps only parameters whose name starts with "head", but the classifier is called fc, so every parameter is frozen and the optimizer gets none
# expect: if not name.startswith("head"):
# also-accept: self.fc = nn.Linear(128, num_classes)
# category: optimizer/frozen
# made-at: 27
import torch
import torch.nn as nn


class SmallResNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.block1 = nn.Sequential(nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU())
        self.block2 = nn.Sequential(nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.BatchNorm2d(128), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(128, num_classes)

    def forward(self, x):
        x = self.block2(self.block1(self.stem(x)))
        return self.fc(self.pool(x).flatten(1))


def freeze_backbone(model):
    n_frozen = 0
    for name, p in model.named_parameters():
        if not name.startswith("head"):
            p.requires_grad = False
            n_frozen += 1
    print(f"froze {n_frozen} tensors")


def build_optimizer(model, lr):
    params = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True)


torch.manual_seed(0)
model = SmallResNet(num_classes=4)
freeze_backbone(model)
opt = build_optimizer(model, lr=0.01)
for step in range(5):
    x, y = torch.randn(8, 3, 32, 32), torch.randint(0, 4, (8,))
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
