# the freeze loop runs over model.parameters() after the new head was attached, so the head is frozen too and the loss has no grad_fn
# expect: model.parameters()
# also-accept: p.requires_grad = False
# category: autograd/frozen
# made-at: 29
import torch
import torch.nn as nn

torch.manual_seed(0)


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.fc = nn.Linear(32, 100)

    def forward(self, x):
        return self.fc(self.blocks(x))


model = Backbone()          # imagine pretrained weights were loaded here
model.fc = nn.Linear(32, 4)  # new task: 4 defect types

# freeze the pretrained part, train the head only
for p in model.parameters():
    p.requires_grad = False

optimizer = torch.optim.SGD(model.fc.parameters(), lr=0.01, momentum=0.9)
criterion = nn.CrossEntropyLoss()

images = torch.rand(24, 1, 28, 28)
targets = torch.randint(0, 4, (24,))
for epoch in range(3):
    model.train()
    optimizer.zero_grad()
    loss = criterion(model(images), targets)
    loss.backward()
    optimizer.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")
