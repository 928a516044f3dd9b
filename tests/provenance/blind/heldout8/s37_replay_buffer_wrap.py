# The ring-buffer pointer wraps modulo capacity + 1 instead of capacity, so the write after the buffer is full lands one past the end.
# expect: self.ptr
# also-accept: (self.ptr + 1) % (self.capacity + 1)
# category: index/buffer
# made-at: 34
import random

import numpy as np
import torch
import torch.nn as nn

random.seed(0)
np.random.seed(0)
torch.manual_seed(0)


class ReplayBuffer:
    def __init__(self, capacity, obs_dim):
        self.capacity = capacity
        self.obs = torch.zeros(capacity, obs_dim)
        self.next_obs = torch.zeros(capacity, obs_dim)
        self.actions = torch.zeros(capacity, dtype=torch.long)
        self.rewards = torch.zeros(capacity)
        self.dones = torch.zeros(capacity)
        self.ptr = 0
        self.size = 0

    def push(self, o, a, r, o2, d):
        self.obs[self.ptr] = torch.as_tensor(o)
        self.actions[self.ptr] = a
        self.rewards[self.ptr] = r
        self.next_obs[self.ptr] = torch.as_tensor(o2)
        self.dones[self.ptr] = float(d)
        self.ptr = (self.ptr + 1) % (self.capacity + 1)
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size):
        idx = torch.randint(0, self.size, (batch_size,))
        return self.obs[idx], self.actions[idx], self.rewards[idx], self.next_obs[idx], self.dones[idx]


class ToyEnv:
    """1-D corridor: move left/right, reward at the right end."""

    def __init__(self, n=10):
        self.n = n

    def reset(self):
        self.pos = 0
        return self._obs()

    def _obs(self):
        o = np.zeros(self.n, dtype=np.float32)
        o[self.pos] = 1.0
        return o

    def step(self, a):
        self.pos = max(0, min(self.n - 1, self.pos + (1 if a == 1 else -1)))
        done = self.pos == self.n - 1
        return self._obs(), float(done), done


env = ToyEnv()
q_net = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 2))
target_net = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 2))
target_net.load_state_dict(q_net.state_dict())
opt = torch.optim.Adam(q_net.parameters(), lr=1e-3)
buffer = ReplayBuffer(capacity=500, obs_dim=10)
gamma, eps = 0.99, 0.3

obs = env.reset()
for t in range(2000):
    if random.random() < eps:
        a = random.randint(0, 1)
    else:
        with torch.no_grad():
            a = q_net(torch.as_tensor(obs)).argmax().item()
    nxt, r, done = env.step(a)
    buffer.push(obs, a, r, nxt, done)
    obs = env.reset() if done else nxt

    if buffer.size >= 64:
        o, a_b, r_b, o2, d = buffer.sample(64)
        q = q_net(o).gather(1, a_b.unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            tgt = r_b + gamma * (1 - d) * target_net(o2).max(1).values
        loss = nn.functional.smooth_l1_loss(q, tgt)
        opt.zero_grad()
        loss.backward()
        opt.step()
    if t % 200 == 0:
        target_net.load_state_dict(q_net.state_dict())
print("done")
