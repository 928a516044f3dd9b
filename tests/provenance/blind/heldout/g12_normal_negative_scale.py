# Policy network's std head has no softplus/exp, so Normal gets a negative scale
# expect: std
# also-accept: self.std_head
# category: value/loss-input-range
# made-at: 23
import torch
import torch.nn as nn
from torch.distributions import Normal

torch.manual_seed(0)


class GaussianPolicy(nn.Module):
    def __init__(self, obs_dim=3, act_dim=1):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(obs_dim, 64), nn.Tanh())
        self.mu_head = nn.Linear(64, act_dim)
        self.std_head = nn.Linear(64, act_dim)

    def forward(self, obs):
        h = self.body(obs)
        mu = self.mu_head(h)
        std = self.std_head(h)
        return Normal(mu, std)


policy = GaussianPolicy()
obs = torch.randn(16, 3)
dist = policy(obs)
action = dist.sample()
print(dist.log_prob(action).sum())


optimizer = torch.optim.Adam(policy.parameters(), lr=3e-4)
for update in range(5):
    obs = torch.randn(16, 3)
    dist = policy(obs)
    actions = dist.sample()
    advantages = torch.randn(16, 1)
    loss = -(dist.log_prob(actions) * advantages).mean()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# raises: ValueError: Expected parameter scale (Tensor of shape (16, 1)) of distribution Normal(loc: torch.Size([16, 1]), scale: torch.Size([16, 1])) to satisfy the constraint GreaterThan(lower_bound=0.0), but found invalid values
