# The freezing loop keeps only parameters whose name starts with TRAINABLE_PREFIX = "classifier.", but the model's head is called `head`, so every parameter is frozen
# expect: TRAINABLE_PREFIX
# also-accept: model.head
# category: autograd/no-grad-fn
# made-at: 9
import torch
import torch.nn as nn

TRAINABLE_PREFIX = "classifier."


class PretrainedBackbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.stages = nn.Sequential(
            nn.Conv2d(3, 16, 3, 2, 1), nn.BatchNorm2d(16), nn.ReLU(),
            nn.Conv2d(16, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU(),
        )

    def forward(self, x):
        return self.stages(x).mean((2, 3))


class FineTuneModel(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.backbone = PretrainedBackbone()
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(32, num_classes))

    def forward(self, x):
        return self.head(self.backbone(x))


def freeze_backbone(model):
    n_trainable = 0
    for name, param in model.named_parameters():
        param.requires_grad = name.startswith(TRAINABLE_PREFIX)
        n_trainable += param.numel() if param.requires_grad else 0
    print(f"trainable parameters: {n_trainable}")


torch.manual_seed(0)
model = FineTuneModel(num_classes=6)
freeze_backbone(model)
optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for step in range(3):
    images, labels = torch.rand(8, 3, 32, 32), torch.randint(0, 6, (8,))
    loss = nn.functional.cross_entropy(model(images), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print(step, loss.item())

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
