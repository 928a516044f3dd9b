# the classifier's first Linear is declared with in_features for 28x28 inputs (32*7*7) but the images are 32x32, so the compiled model fails on its first call
# expect: nn.Linear(32 * 7 * 7, 128)
# category: shape/linear
# made-at: 19
import torch
import torch.nn as nn

torch.manual_seed(0)


class ConvNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2))
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(32 * 7 * 7, 128), nn.ReLU(),
            nn.Linear(128, n_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


model = ConvNet()
compiled = torch.compile(model, backend="eager")
opt = torch.optim.Adam(model.parameters(), lr=1e-3)

images = torch.randn(64, 3, 32, 32)
labels = torch.randint(0, 10, (64,))
for step in range(3):
    logits = compiled(images)
    loss = nn.functional.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(step, loss.item())
