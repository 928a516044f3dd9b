# Residual added with `out += identity` onto the ReLU output, which ReLU's backward still needs
# expect: out
# category: autograd/inplace-modified
# made-at: 23
import torch
import torch.nn as nn

torch.manual_seed(0)


class ResBlock(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv1 = nn.Conv2d(ch, ch, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(ch)
        self.conv2 = nn.Conv2d(ch, ch, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(ch)

    def forward(self, x):
        identity = x
        out = torch.relu(self.bn1(self.conv1(x)))
        out = torch.relu(self.bn2(self.conv2(out)))
        out += identity
        return out


model = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), ResBlock(8), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2))
loss = nn.functional.cross_entropy(model(torch.randn(2, 3, 16, 16)), torch.tensor([0, 1]))
loss.backward()

optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
for step in range(5):
    images = torch.randn(8, 3, 16, 16)
    targets = torch.randint(0, 2, (8,))
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(model(images), targets)
    loss.backward()
    optimizer.step()
    print(f"step {step} loss {loss.item():.4f}")

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2, 8, 16, 16]], which is output 0 of Relu, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its...
