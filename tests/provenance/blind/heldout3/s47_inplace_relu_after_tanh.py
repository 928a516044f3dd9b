# the shared activation is an in-place ReLU, and it overwrites the tanh output that tanh's backward needs
# expect: self.act
# category: autograd/inplace-modified
# made-at: 14
import torch
import torch.nn as nn


class GatedResidualBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.lin = nn.Linear(dim, dim)
        self.gate = nn.Linear(dim, dim)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        h = torch.tanh(self.lin(x))
        h = self.act(h)
        g = torch.sigmoid(self.gate(x))
        return x + g * h


class Policy(nn.Module):
    def __init__(self, obs_dim=8, dim=32, n_actions=4):
        super().__init__()
        self.inp = nn.Linear(obs_dim, dim)
        self.blocks = nn.Sequential(GatedResidualBlock(dim), GatedResidualBlock(dim))
        self.out = nn.Linear(dim, n_actions)

    def forward(self, obs):
        return self.out(self.blocks(self.inp(obs)))


policy = Policy()
opt = torch.optim.Adam(policy.parameters(), lr=3e-4)
obs = torch.randn(64, 8)
actions = torch.randint(0, 4, (64,))
returns = torch.randn(64)
logp = torch.log_softmax(policy(obs), -1).gather(1, actions[:, None]).squeeze(1)
loss = -(logp * returns).mean()
opt.zero_grad()
loss.backward()
opt.step()
