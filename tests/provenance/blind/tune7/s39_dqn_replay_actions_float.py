# the replay buffer stores actions in a default (float64) numpy array, so the sampled action tensor is float and gather() refuses it as an index
# expect: np.zeros(capacity)
# category: dtype/index
# made-at: 41
import random

import numpy as np
import torch
import torch.nn as nn

random.seed(0)
np.random.seed(0)
torch.manual_seed(0)


class GridWalk:
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
        self.pos = min(self.n - 1, max(0, self.pos + (1 if a == 1 else -1)))
        done = self.pos == self.n - 1
        return self._obs(), (1.0 if done else -0.01), done


class ReplayBuffer:
    def __init__(self, capacity, obs_dim):
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.dones = np.zeros(capacity, dtype=np.float32)
        self.capacity, self.idx, self.full = capacity, 0, False

    def add(self, o, a, r, o2, d):
        self.obs[self.idx], self.actions[self.idx], self.rewards[self.idx] = o, a, r
        self.next_obs[self.idx], self.dones[self.idx] = o2, d
        self.idx = (self.idx + 1) % self.capacity
        self.full = self.full or self.idx == 0

    def __len__(self):
        return self.capacity if self.full else self.idx

    def sample(self, batch_size):
        ids = np.random.randint(0, len(self), size=batch_size)
        return (torch.from_numpy(self.obs[ids]), torch.from_numpy(self.actions[ids]),
                torch.from_numpy(self.rewards[ids]), torch.from_numpy(self.next_obs[ids]),
                torch.from_numpy(self.dones[ids]))


env = GridWalk()
q_net = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 2))
target_net = nn.Sequential(nn.Linear(10, 64), nn.ReLU(), nn.Linear(64, 2))
target_net.load_state_dict(q_net.state_dict())
opt = torch.optim.Adam(q_net.parameters(), lr=1e-3)
buffer = ReplayBuffer(5000, 10)
gamma, eps, batch_size = 0.99, 1.0, 32

obs = env.reset()
for step in range(500):
    if random.random() < eps:
        action = random.randint(0, 1)
    else:
        with torch.no_grad():
            action = int(q_net(torch.from_numpy(obs)).argmax())
    next_obs, reward, done = env.step(action)
    buffer.add(obs, action, reward, next_obs, float(done))
    obs = env.reset() if done else next_obs
    eps = max(0.05, eps * 0.995)

    if len(buffer) >= batch_size:
        o, a, r, o2, d = buffer.sample(batch_size)
        q = q_net(o).gather(1, a.unsqueeze(1)).squeeze(1)
        with torch.no_grad():
            target = r + gamma * (1 - d) * target_net(o2).max(1).values
        loss = nn.functional.smooth_l1_loss(q, target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    if step % 100 == 0:
        target_net.load_state_dict(q_net.state_dict())
