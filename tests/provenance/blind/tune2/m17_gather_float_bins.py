# the target bins are computed with float arithmetic (.round() keeps float32), so gather gets a float index; needs .long()
# expect: bins
# also-accept: to_bins
# category: dtype/index-not-integer
# made-at: 33
import torch
import torch.nn as nn
import torch.nn.functional as F

N_BINS = 21
V_MIN, V_MAX = -1.0, 1.0


class DistributionalHead(nn.Module):
    """Predicts a categorical distribution over N_BINS values instead of a scalar."""

    def __init__(self, in_dim, n_bins):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(in_dim, 64), nn.ReLU())
        self.logits = nn.Linear(64, n_bins)

    def forward(self, x):
        return self.logits(self.trunk(x))


def to_bins(values):
    scaled = (values.clamp(V_MIN, V_MAX) - V_MIN) / (V_MAX - V_MIN)
    return (scaled * (N_BINS - 1)).round()


def categorical_nll(logits, values):
    log_probs = F.log_softmax(logits, dim=-1)
    bins = to_bins(values)
    return -log_probs.gather(1, bins.unsqueeze(1)).mean()


torch.manual_seed(0)
model = DistributionalHead(6, N_BINS)
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
states = torch.randn(512, 6)
returns = torch.tanh(states @ torch.randn(6))

for step in range(0, 512, 64):
    x, v = states[step : step + 64], returns[step : step + 64]
    loss = categorical_nll(model(x), v)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 128 == 0:
        print(step, loss.item())
