# the 10-class pretrained checkpoint is loaded as is into the model that already has the new 3-class head, so load_state_dict hits a size mismatch on fc (the fc.* keys should be dropped, or the head replaced after loading)
# expect: model.load_state_dict(state)
# also-accept: SmallResNet(num_classes=3)
# category: checkpoint/shape
# made-at: 59
import os
import tempfile

import torch
import torch.nn as nn

torch.manual_seed(0)


class BasicBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(x + self.bn2(self.conv2(out)))


class SmallResNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.layer1 = BasicBlock(16)
        self.layer2 = BasicBlock(16)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, num_classes)

    def forward(self, x):
        x = self.layer2(self.layer1(self.stem(x)))
        return self.fc(self.pool(x).flatten(1))


# ---- "pretraining" on a 10-class task, checkpoint saved to disk ----
workdir = tempfile.mkdtemp()
ckpt_path = os.path.join(workdir, "pretrained_cifar10.pt")
pre = SmallResNet(num_classes=10)
opt = torch.optim.SGD(pre.parameters(), lr=0.05)
for _ in range(3):
    x, y = torch.randn(16, 3, 32, 32), torch.randint(0, 10, (16,))
    loss = nn.functional.cross_entropy(pre(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
torch.save({"epoch": 3, "state_dict": pre.state_dict()}, ckpt_path)

# ---- fine-tuning on a 3-class dataset ----
model = SmallResNet(num_classes=3)
ckpt = torch.load(ckpt_path, map_location="cpu")
state = ckpt["state_dict"]
model.load_state_dict(state)
for name, p in model.named_parameters():
    p.requires_grad = name.startswith("fc.")
ft_opt = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=1e-3)
for step in range(5):
    x, y = torch.randn(8, 3, 32, 32), torch.randint(0, 3, (8,))
    loss = nn.functional.cross_entropy(model(x), y)
    ft_opt.zero_grad()
    loss.backward()
    ft_opt.step()
print("fine-tuned, last loss", loss.item())
