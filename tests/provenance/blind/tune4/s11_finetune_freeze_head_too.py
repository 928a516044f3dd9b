# The freezing loop walks all of the model's parameters, so the new head is frozen too
# expect: model.parameters()
# category: autograd/no-grad-fn
# made-at: 33
import torch
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )

    def forward(self, x):
        return self.features(x).flatten(1)


class Classifier(nn.Module):
    def __init__(self, n_classes):
        super().__init__()
        self.backbone = Backbone()
        self.head = nn.Linear(16, n_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def prepare_for_finetuning(model, n_new_classes):
    model.head = nn.Linear(16, n_new_classes)
    for p in model.parameters():
        p.requires_grad = False
    return model


torch.manual_seed(0)
model = Classifier(n_classes=100)
model = prepare_for_finetuning(model, n_new_classes=5)
opt = torch.optim.Adam(model.head.parameters(), lr=1e-3)
x = torch.randn(16, 3, 32, 32)
y = torch.randint(0, 5, (16,))
for step in range(3):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
