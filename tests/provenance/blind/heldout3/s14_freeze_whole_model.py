# freeze() is called on the whole model instead of model.backbone, so the head is frozen too and the loss has no grad_fn
# expect: freeze(model)
# also-accept: model
# category: autograd/frozen-model
# made-at: 38
import torch
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4), nn.Flatten()
        )

    def forward(self, x):
        return self.conv(x)


class FineTuneNet(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.backbone = Backbone()
        self.head = nn.Linear(16 * 4 * 4, n_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def freeze(module: nn.Module) -> None:
    for p in module.parameters():
        p.requires_grad = False


model = FineTuneNet(n_classes=4)
# pretend the backbone was pretrained: keep it fixed, train only the head
freeze(model)
optimizer = torch.optim.SGD(model.head.parameters(), lr=0.01)

for step in range(10):
    images = torch.randn(8, 3, 32, 32)
    targets = torch.randint(0, 4, (8,))
    loss = nn.functional.cross_entropy(model(images), targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print(loss.item())
