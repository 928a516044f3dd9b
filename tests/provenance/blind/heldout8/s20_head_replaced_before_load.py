# the 1000-way head is swapped for a 5-way one before the pretrained weights are loaded, so the old head's weights no longer fit
# expect: model.load_state_dict(pretrained)
# also-accept: pretrained, model.classifier
# category: checkpoint/size-mismatch
# made-at: 36
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)
cache = tempfile.mkdtemp()


class MiniResNet(nn.Module):
    def __init__(self, num_classes=1000):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, 2, 1), nn.BatchNorm2d(32), nn.ReLU())
        self.layer1 = nn.Sequential(nn.Conv2d(32, 64, 3, 2, 1), nn.BatchNorm2d(64), nn.ReLU())
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.classifier(self.pool(self.layer1(self.stem(x))).flatten(1))


# pretend this file came from the model zoo
zoo_path = os.path.join(cache, "miniresnet_imagenet.pth")
torch.save(MiniResNet().state_dict(), zoo_path)


def get_finetune_model(num_classes):
    model = MiniResNet()
    model.classifier = nn.Linear(64, num_classes)
    pretrained = torch.load(zoo_path, map_location="cpu")
    model.load_state_dict(pretrained)
    return model


model = get_finetune_model(num_classes=5)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
x, y = torch.rand(8, 3, 64, 64), torch.randint(0, 5, (8,))
loss = nn.functional.cross_entropy(model(x), y)
loss.backward()
opt.step()
print("first step loss:", loss.item())
