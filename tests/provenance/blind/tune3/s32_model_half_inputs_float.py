# the model is cast to half precision to save memory, but the inputs stay float32
# expect: model
# also-accept: model.half()
# category: dtype/half-vs-float
# made-at: 28
import torch
import torch.nn as nn


class Autoregressive(nn.Module):
    def __init__(self, d_in=16, hidden=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, hidden), nn.SiLU(), nn.Linear(hidden, d_in))

    def forward(self, x):
        return x + self.net(x)


def rollout(model, x0, steps):
    xs = [x0]
    for _ in range(steps):
        xs.append(model(xs[-1]))
    return torch.stack(xs, dim=1)


model = Autoregressive()
model.load_state_dict({k: v.clone() for k, v in model.state_dict().items()})
model = model.half()
model.eval()

with torch.no_grad():
    x0 = torch.randn(4, 16)
    traj = rollout(model, x0, steps=10)
print(traj.shape)
