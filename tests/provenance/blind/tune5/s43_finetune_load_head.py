# The pretrained checkpoint, head included, is loaded into a model built for 5 classes, so the 1000-way head weights do not fit
# expect: model.load_state_dict(state)
# also-accept: build_model(num_classes=5)
# category: checkpoint/size-mismatch
# made-at: 40
import os
import tempfile

import torch
import torch.nn as nn


class ResNetLike(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.BatchNorm2d(32), nn.ReLU())
        self.layer1 = nn.Sequential(nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.BatchNorm2d(64), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.fc(self.pool(self.layer1(self.stem(x))).flatten(1))


def build_model(num_classes):
    return ResNetLike(num_classes=num_classes)


def fake_pretrained_checkpoint():
    path = os.path.join(tempfile.mkdtemp(), "imagenet_resnetlike.pth")
    torch.save(ResNetLike().state_dict(), path)
    return path


def main():
    torch.manual_seed(0)
    path = fake_pretrained_checkpoint()
    model = build_model(num_classes=5)
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    x, y = torch.randn(8, 3, 64, 64), torch.randint(0, 5, (8,))
    loss = nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()


if __name__ == "__main__":
    main()
