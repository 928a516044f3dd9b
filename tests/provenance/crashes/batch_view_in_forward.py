# A CNN's forward flattens with view(-1, N) for the wrong N: the batch grows fourfold and
# the loss sees 4x the labels' batch. The culprit is the output that view made.
# expect: outputs
# expect-made-at: 22
# category: shape/batch-size-mismatch
# roles: input, target
# message: Expected input batch_size \((?P<input_batch>\d+)\) to match target batch_size \((?P<target_batch>\d+)\)
import torch
import torch.nn.functional as F
from torch import nn


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv(x)))
        x = x.view(-1, 16 * 4 * 4)
        return self.fc(x)


model = SmallNet()
criterion = nn.CrossEntropyLoss()
images, labels = torch.randn(4, 3, 16, 16), torch.randint(0, 10, (4,))
outputs = model(images)
loss = criterion(outputs, labels)
