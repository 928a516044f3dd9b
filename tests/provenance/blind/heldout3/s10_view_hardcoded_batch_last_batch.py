# forward flattens with the global BATCH_SIZE instead of x.size(0); the last, smaller batch gets reshaped wrongly
# expect: x
# also-accept: BATCH_SIZE, x.view(BATCH_SIZE, -1)
# category: shape/hardcoded-batch-reshape
# made-at: 25
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

BATCH_SIZE = 32
EPOCHS = 2


class ConvNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(16 * 4 * 4, 10)

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = x.view(BATCH_SIZE, -1)
        return self.fc(x)


data = TensorDataset(torch.randn(200, 1, 16, 16), torch.randint(0, 10, (200,)))
loader = DataLoader(data, batch_size=BATCH_SIZE, shuffle=True)
model = ConvNet()
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for epoch in range(EPOCHS):
    for batch_idx, (x, y) in enumerate(loader):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch} loss {loss.item():.4f}")
