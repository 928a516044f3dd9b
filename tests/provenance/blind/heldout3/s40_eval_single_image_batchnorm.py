# after training, a single image is fed to the model without a batch dimension; BatchNorm2d needs a 4-D input
# expect: img
# category: shape/missing-batch-dim
# made-at: 39
import torch
import torch.nn as nn


def conv_block(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU(), nn.MaxPool2d(2))


class Classifier(nn.Module):
    def __init__(self, n_classes=3):
        super().__init__()
        self.blocks = nn.Sequential(conv_block(3, 16), conv_block(16, 32))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.fc(self.pool(self.blocks(x)).flatten(1))


def load_image(seed):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(3, 32, 32, generator=g)


model = Classifier()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for step in range(5):
    x = torch.stack([load_image(s) for s in range(step * 8, step * 8 + 8)])
    loss = nn.functional.cross_entropy(model(x), torch.randint(0, 3, (8,)))
    opt.zero_grad()
    loss.backward()
    opt.step()

model.eval()
img = load_image(123)
with torch.no_grad():
    probs = model(img).softmax(-1)
print(probs)
