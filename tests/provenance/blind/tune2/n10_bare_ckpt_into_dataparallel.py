# The inference script wraps the model in nn.DataParallel before loading a checkpoint saved from the bare model, so every key misses the "module." prefix
# expect: model
# also-accept: nn.DataParallel(model), state
# category: checkpoint/key-mismatch
# made-at: 42
import os
import tempfile

import torch
import torch.nn as nn

WORKDIR = tempfile.mkdtemp(prefix="n10_")


class SmallResNet(nn.Module):
    def __init__(self, n_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU())
        self.block = nn.Sequential(nn.Conv2d(16, 16, 3, padding=1), nn.BatchNorm2d(16))
        self.fc = nn.Linear(16, n_classes)

    def forward(self, x):
        x = self.stem(x)
        x = torch.relu(x + self.block(x))
        return self.fc(x.mean((2, 3)))


def train(path):
    model = SmallResNet()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(2):
        x, y = torch.randn(8, 3, 16, 16), torch.randint(0, 10, (8,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    torch.save({"epoch": 2, "model": model.state_dict()}, path)


def load_for_inference(path):
    model = SmallResNet()
    model = nn.DataParallel(model)  # use all GPUs for the big test set
    state = torch.load(path, map_location="cpu")
    model.load_state_dict(state["model"])
    return model.eval()


if __name__ == "__main__":
    ckpt = os.path.join(WORKDIR, "last.pt")
    train(ckpt)
    net = load_for_inference(ckpt)
    with torch.no_grad():
        print(net(torch.randn(4, 3, 16, 16)).argmax(1))

# raises: RuntimeError: Error(s) in loading state_dict for DataParallel:
