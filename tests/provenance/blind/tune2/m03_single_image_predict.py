# predict() feeds one (C, H, W) image to the network; it needs a batch dimension (img.unsqueeze(0))
# expect: img
# also-accept: load_image
# category: shape/missing-batch-dim
# made-at: 50
import os
import tempfile

import torch
import torch.nn as nn

CLASSES = ["cat", "dog", "bird"]
WORKDIR = tempfile.mkdtemp(prefix="pets_")


class PetNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1),
            nn.BatchNorm2d(16),
            nn.ReLU(inplace=True),
            nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(16, len(CLASSES))

    def forward(self, x):
        return self.fc(self.body(x).flatten(1))


def quick_train(model, steps=5):
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    for _ in range(steps):
        x = torch.rand(12, 3, 32, 32)
        y = torch.randint(0, len(CLASSES), (12,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save(model.state_dict(), os.path.join(WORKDIR, "petnet.pt"))


def load_image(index):
    # stands in for PIL.Image.open(path) + ToTensor(): one (3, 32, 32) image in [0, 1]
    g = torch.Generator().manual_seed(index)
    return torch.rand(3, 32, 32, generator=g)


def predict(model, index):
    img = load_image(index)
    with torch.no_grad():
        logits = model(img)
    return CLASSES[logits.argmax(-1).item()]


quick_train(PetNet())

model = PetNet()
model.load_state_dict(torch.load(os.path.join(WORKDIR, "petnet.pt")))
model.eval()
for i in range(3):
    print(i, predict(model, i))
