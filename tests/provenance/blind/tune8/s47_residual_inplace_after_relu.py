# The residual is added in place to the output of ReLU, which autograd saved for its backward, so backward finds a modified tensor.
# expect: out
# also-accept: out += identity
# category: autograd/inplace
# made-at: 27
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
rng = np.random.default_rng(0)


class ResBlock1d(nn.Module):
    def __init__(self, ch):
        super().__init__()
        self.conv1 = nn.Conv1d(ch, ch, 3, padding=1)
        self.bn1 = nn.BatchNorm1d(ch)
        self.conv2 = nn.Conv1d(ch, ch, 3, padding=1)
        self.bn2 = nn.BatchNorm1d(ch)

    def forward(self, x):
        identity = x
        out = F.relu(self.bn1(self.conv1(x)))
        out = F.relu(self.bn2(self.conv2(out)))
        out += identity
        return out


class ECGNet(nn.Module):
    """Heartbeat classifier on 1-lead ECG windows."""

    def __init__(self, n_classes=5):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv1d(1, 32, 7, padding=3), nn.BatchNorm1d(32), nn.ReLU())
        self.blocks = nn.Sequential(ResBlock1d(32), ResBlock1d(32))
        self.pool = nn.AdaptiveAvgPool1d(1)
        self.fc = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.fc(self.pool(self.blocks(self.stem(x))).flatten(1))


t = np.linspace(0, 1, 187, dtype=np.float32)
beats = np.stack([np.sin(2 * np.pi * (3 + k % 5) * t) + 0.1 * rng.standard_normal(187) for k in range(256)])
x_all = torch.from_numpy(beats.astype(np.float32)).unsqueeze(1)
y_all = torch.arange(256) % 5

model = ECGNet()
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
for epoch in range(3):
    perm = torch.randperm(256)
    for i in range(0, 256, 32):
        idx = perm[i:i + 32]
        loss = F.cross_entropy(model(x_all[idx]), y_all[idx])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, loss.item())
