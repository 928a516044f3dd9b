# Replaced classifier[0] of a VGG-like model with a Linear whose in_features ignores the 7x7 spatial map
# expect: model.classifier[0]
# category: shape/matmul-mismatch
# made-at: 31
import torch
import torch.nn as nn

torch.manual_seed(0)


class TinyVGG(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.avgpool = nn.AdaptiveAvgPool2d((7, 7))
        self.classifier = nn.Sequential(
            nn.Linear(64 * 7 * 7, 256), nn.ReLU(), nn.Dropout(), nn.Linear(256, 1000)
        )

    def forward(self, x):
        x = self.avgpool(self.features(x))
        x = torch.flatten(x, 1)
        return self.classifier(x)


model = TinyVGG()
# adapt to our 3-class problem
model.classifier[0] = nn.Linear(64, 256)
model.classifier[3] = nn.Linear(256, 3)

model.eval()
with torch.no_grad():
    print(model(torch.rand(2, 3, 56, 56)).softmax(-1))


# fine-tune only the new classifier
for p in model.features.parameters():
    p.requires_grad = False
opt = torch.optim.SGD(model.classifier.parameters(), lr=0.01)
model.train()
for step in range(3):
    x = torch.rand(4, 3, 56, 56)
    y = torch.randint(0, 3, (4,))
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()


# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x3136 and 64x256)
