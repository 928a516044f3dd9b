# The self-similarity mask is built with torch.eye, a float tensor, where masked_fill needs a boolean mask
# expect: torch.eye(n)
# also-accept: self_mask
# category: dtype/mask
# made-at: 20
import torch
import torch.nn as nn
import torch.nn.functional as F


class SupConLoss(nn.Module):
    def __init__(self, temperature=0.1):
        super().__init__()
        self.t = temperature

    def forward(self, z, labels):
        z = F.normalize(z, dim=1)
        n = z.size(0)
        sim = z @ z.T / self.t
        self_mask = torch.eye(n)
        sim = sim.masked_fill(self_mask, float("-inf"))
        pos = (labels[:, None] == labels[None, :]).float() * (1 - torch.eye(n))
        log_prob = sim.log_softmax(dim=1).masked_fill(pos == 0, 0.0)
        return -(log_prob.sum(1) / pos.sum(1).clamp(min=1)).mean()


torch.manual_seed(0)
encoder = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Linear(64, 16))
criterion = SupConLoss()
x = torch.randn(32, 20)
labels = torch.randint(0, 4, (32,))
loss = criterion(encoder(x), labels)
loss.backward()
