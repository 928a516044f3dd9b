# F.one_hot(labels) without num_classes infers the width from the batch's largest label (3 of 5 classes present), so the soft targets are narrower than the logits
# expect: targets
# also-accept: F.one_hot
# category: shape/target-shape
# made-at: 37
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 5
SMOOTHING = 0.1


def smooth(one_hot, eps):
    return one_hot * (1 - eps) + eps / one_hot.size(-1)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, NUM_CLASSES))

    def forward(self, x):
        return self.body(x)


torch.manual_seed(0)
features = torch.randn(120, 10)
# the first batches only contain the frequent classes 0-2
labels = torch.cat([torch.randint(0, 3, (60,)), torch.randint(0, NUM_CLASSES, (60,))])
loader = DataLoader(TensorDataset(features, labels), batch_size=30)

net = Net()
opt = torch.optim.SGD(net.parameters(), lr=0.1)
for xb, yb in loader:
    targets = smooth(F.one_hot(yb).float(), SMOOTHING)
    loss = F.cross_entropy(net(xb), targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("loss", loss.item())

# raises: RuntimeError: 0D or 1D target tensor expected, multi-target not supported
