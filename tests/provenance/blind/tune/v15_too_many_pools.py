# Five 2x2 max-pool stages on 28x28 inputs shrink the map to 0x0 at the fifth pool
# expect: self.pool5
# also-accept: self.features
# category: shape/input-too-small
# made-at: 24
import torch
import torch.nn as nn

torch.manual_seed(0)


class DeepCNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.block1 = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU())
        self.pool1 = nn.MaxPool2d(2)
        self.block2 = nn.Sequential(nn.Conv2d(16, 32, 3, padding=1), nn.ReLU())
        self.pool2 = nn.MaxPool2d(2)
        self.block3 = nn.Sequential(nn.Conv2d(32, 64, 3, padding=1), nn.ReLU())
        self.pool3 = nn.MaxPool2d(2)
        self.block4 = nn.Sequential(nn.Conv2d(64, 64, 3, padding=1), nn.ReLU())
        self.pool4 = nn.MaxPool2d(2)
        self.block5 = nn.Sequential(nn.Conv2d(64, 64, 3, padding=1), nn.ReLU())
        self.pool5 = nn.MaxPool2d(2)
        self.fc = nn.Linear(64, 10)

    def forward(self, x):
        x = self.pool1(self.block1(x))
        x = self.pool2(self.block2(x))
        x = self.pool3(self.block3(x))
        x = self.pool4(self.block4(x))
        x = self.pool5(self.block5(x))
        return self.fc(x.flatten(1))


model = DeepCNN()
print(model(torch.rand(8, 1, 28, 28)).shape)



def count_params(m):
    return sum(p.numel() for p in m.parameters())


print(f"{count_params(model):,} parameters")


# raises: RuntimeError: Given input size: (64x1x1). Calculated output size: (64x0x0). Output size is too small
