# Fine-tuning on a 5-class dataset: the model is built with NUM_CLASSES=5 and then the 10-class pretrained checkpoint is loaded whole
# expect: NUM_CLASSES
# also-accept: model.fc
# category: checkpoint/size-mismatch
# made-at: 12
import io

import torch
import torch.nn as nn

torch.manual_seed(0)
NUM_CLASSES = 5


class ResNetish(nn.Module):
    def __init__(self, num_classes):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.bn = nn.BatchNorm2d(16)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)

    def forward(self, x):
        return self.fc(self.pool(torch.relu(self.bn(self.conv(x)))).flatten(1))


pretrained_file = io.BytesIO()
torch.save(ResNetish(num_classes=10).state_dict(), pretrained_file)
pretrained_file.seek(0)

model = ResNetish(NUM_CLASSES)
model.load_state_dict(torch.load(pretrained_file))

for p in model.parameters():
    p.requires_grad = False
for p in model.fc.parameters():
    p.requires_grad = True
optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01)
x = torch.rand(4, 3, 32, 32)
y = torch.randint(0, NUM_CLASSES, (4,))
loss = nn.functional.cross_entropy(model(x), y)
loss.backward()
optimizer.step()

# raises: RuntimeError: Error(s) in loading state_dict for ResNetish
