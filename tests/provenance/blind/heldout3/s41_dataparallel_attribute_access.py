# after wrapping in nn.DataParallel the submodules live under model.module, so model.classifier is not found
# expect: model
# also-accept: model.classifier
# category: wrapper/dataparallel-attribute
# made-at: 28
import torch
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU())
        self.classifier = nn.Linear(64, 4)

    def forward(self, x):
        return self.classifier(self.features(x))


def param_groups(model, base_lr):
    head = list(model.classifier.parameters())
    head_ids = {id(p) for p in head}
    body = [p for p in model.parameters() if id(p) not in head_ids]
    return [{"params": body, "lr": base_lr * 0.1}, {"params": head, "lr": base_lr}]


model = Backbone()
model = nn.DataParallel(model)  # same code path on 1 or many devices

optimizer = torch.optim.SGD(param_groups(model, 0.01), momentum=0.9)
for step in range(5):
    x, y = torch.randn(16, 32), torch.randint(0, 4, (16,))
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
