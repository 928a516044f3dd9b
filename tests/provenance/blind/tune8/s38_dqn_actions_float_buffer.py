# The replay buffer stores actions in a float tensor, so the sampled actions cannot be used as the gather index.
# expect: self.actions
# also-accept: torch.zeros(capacity, 1)
# category: dtype/index
# made-at: 22
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

random.seed(0)
torch.manual_seed(0)

OBS_DIM, N_ACTIONS = 4, 2


class Buffer:
    def __init__(self, capacity):
        self.capacity = capacity
        self.states = torch.zeros(capacity, OBS_DIM)
        self.actions = torch.zeros(capacity, 1)
        self.rewards = torch.zeros(capacity, 1)
        self.next_states = torch.zeros(capacity, OBS_DIM)
        self.dones = torch.zeros(capacity, 1)
        self.idx = 0
        self.full = False

    def add(self, s, a, r, s2, d):
        i = self.idx
        self.states[i], self.actions[i], self.rewards[i] = s, a, r
        self.next_states[i], self.dones[i] = s2, d
        self.idx = (self.idx + 1) % self.capacity
        self.full = self.full or self.idx == 0

    def __len__(self):
        return self.capacity if self.full else self.idx

    def sample(self, n):
        ids = torch.randint(0, len(self), (n,))
        return (self.states[ids], self.actions[ids], self.rewards[ids],
                self.next_states[ids], self.dones[ids])


class QNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(OBS_DIM, 128), nn.ReLU(),
                                 nn.Linear(128, 128), nn.ReLU(),
                                 nn.Linear(128, N_ACTIONS))

    def forward(self, x):
        return self.net(x)


def fake_env_step(state, action):
    nxt = state + 0.05 * torch.randn(OBS_DIM) + (0.1 if action else -0.1)
    done = bool(nxt.abs().max() > 2.0)
    return nxt, 1.0, done


policy, target = QNetwork(), QNetwork()
target.load_state_dict(policy.state_dict())
optimizer = torch.optim.Adam(policy.parameters(), lr=5e-4)
buf = Buffer(10_000)

state = torch.zeros(OBS_DIM)
for step in range(500):
    if random.random() < 0.1:
        action = random.randrange(N_ACTIONS)
    else:
        with torch.no_grad():
            action = policy(state).argmax().item()
    nxt, reward, done = fake_env_step(state, action)
    buf.add(state, action, reward, nxt, float(done))
    state = torch.zeros(OBS_DIM) if done else nxt

    if len(buf) >= 128:
        s, a, r, s2, d = buf.sample(128)
        q_sa = policy(s).gather(1, a)
        with torch.no_grad():
            y = r + 0.99 * (1 - d) * target(s2).max(1, keepdim=True)[0]
        loss = F.mse_loss(q_sa, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
print("trained")
