# The EMA copy made with copy.deepcopy keeps requires_grad=True, and the EMA update runs outside torch.no_grad(), so mul_ on its leaf parameters is refused
# expect: self.ema_model
# also-accept: ema_model, ema.ema_model, ema_p
# category: autograd/leaf-inplace
# made-at: 16
import copy

import torch
import torch.nn as nn


class ModelEMA:
    """Exponential moving average of a model's weights (as in many detection repos)."""

    def __init__(self, model, decay=0.999):
        self.ema_model = copy.deepcopy(model).eval()
        self.decay = decay
        self.updates = 0

    def update(self, model):
        self.updates += 1
        d = self.decay * (1 - 0.9 ** (-self.updates / 2000 + 1)) if self.updates > 1 else 0.0
        for ema_p, p in zip(self.ema_model.parameters(), model.parameters()):
            ema_p.mul_(d).add_(p.detach(), alpha=1 - d)


class Detector(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.SiLU(), nn.Conv2d(8, 8, 3, padding=1))
        self.box_head = nn.Conv2d(8, 4, 1)
        self.cls_head = nn.Conv2d(8, 3, 1)

    def forward(self, x):
        f = self.backbone(x)
        return self.box_head(f), self.cls_head(f)


torch.manual_seed(0)
model = Detector()
ema = ModelEMA(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.937, nesterov=True)
for it in range(3):
    imgs = torch.rand(2, 3, 32, 32)
    boxes, cls = model(imgs)
    loss = boxes.abs().mean() + nn.functional.cross_entropy(cls, torch.randint(0, 3, (2, 32, 32)))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    ema.update(model)
    print(it, loss.item())

# raises: RuntimeError: a leaf Variable that requires grad is being used in an in-place operation.
