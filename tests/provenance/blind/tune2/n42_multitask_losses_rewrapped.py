# The multi-task loss re-wraps the per-task losses with torch.tensor(...), which copies their values and drops the graph, so total has no grad_fn
# expect: total
# also-accept: torch.tensor
# category: autograd/no-grad-fn
# made-at: 32
import torch
import torch.nn as nn

TASK_WEIGHTS = {"age": 0.5, "gender": 1.0, "emotion": 2.0}


class MultiHeadFaceNet(nn.Module):
    def __init__(self, feat=32):
        super().__init__()
        self.trunk = nn.Sequential(nn.Conv2d(1, 8, 3, stride=2), nn.ReLU(), nn.AdaptiveAvgPool2d(2), nn.Flatten(), nn.Linear(32, feat))
        self.heads = nn.ModuleDict({"age": nn.Linear(feat, 1), "gender": nn.Linear(feat, 2), "emotion": nn.Linear(feat, 7)})

    def forward(self, x):
        f = torch.relu(self.trunk(x))
        return {name: head(f) for name, head in self.heads.items()}


def task_losses(outputs, batch):
    return {
        "age": nn.functional.l1_loss(outputs["age"].squeeze(1), batch["age"]),
        "gender": nn.functional.cross_entropy(outputs["gender"], batch["gender"]),
        "emotion": nn.functional.cross_entropy(outputs["emotion"], batch["emotion"]),
    }


def weighted_total(losses):
    total = torch.tensor([TASK_WEIGHTS[k] * v for k, v in losses.items()]).sum()
    return total


torch.manual_seed(0)
net = MultiHeadFaceNet()
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
for step in range(3):
    batch = {
        "image": torch.rand(16, 1, 24, 24),
        "age": torch.rand(16) * 80,
        "gender": torch.randint(0, 2, (16,)),
        "emotion": torch.randint(0, 7, (16,)),
    }
    losses = task_losses(net(batch["image"]), batch)
    total = weighted_total(losses)
    opt.zero_grad()
    total.backward()
    opt.step()
    print(step, {k: round(v.item(), 3) for k, v in losses.items()})

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
