# Checkpoint saved from the nn.DataParallel wrapper (keys prefixed "module.") is loaded into the bare model
# expect: dp_model
# also-accept: state_dict
# category: checkpoint/key-mismatch
# made-at: 34
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)
CKPT = os.path.join(tempfile.mkdtemp(prefix="blind_dp_"), "best.pth")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1))
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def train_and_save():
    model = Net()
    dp_model = nn.DataParallel(model)
    opt = torch.optim.SGD(dp_model.parameters(), lr=0.1)
    x, y = torch.rand(8, 1, 28, 28), torch.randint(0, 10, (8,))
    loss = nn.functional.cross_entropy(dp_model(x), y)
    loss.backward()
    opt.step()
    torch.save(dp_model.state_dict(), CKPT)


def load_for_inference():
    model = Net()
    state_dict = torch.load(CKPT)
    model.load_state_dict(state_dict)
    return model.eval()


train_and_save()
model = load_for_inference()

# raises: RuntimeError: Error(s) in loading state_dict for Net
