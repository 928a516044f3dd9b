# Grayscale images into a network built for RGB.
# expect-module: model.stem.0
# category: shape/conv-channels
# roles: input
# message: expected input\[(?P<shape>[\d, ]+)\] to have (?P<expected>\d+) channels, but got (?P<got>\d+) channels
import torch
from torch import nn


class SmallCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.stem(x)
        return self.fc(self.pool(x).flatten(1))


model = SmallCNN()
gray = torch.randn(2, 1, 32, 32)
model(gray)
