# the replay buffer stores actions as int32, and one_hot only takes int64 indices
# expect: self.actions = np.zeros(capacity, dtype=np.int32)
# category: dtype/index
# made-at: 14
import numpy as np
import torch
import torch.nn as nn


class ReplayBuffer:
    def __init__(self, capacity, obs_dim, seed=0):
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros(capacity, dtype=np.int32)
        self.rewards = np.zeros(capacity, dtype=np.float32)
        self.dones = np.zeros(capacity, dtype=np.float32)
        self.capacity, self.ptr, self.size = capacity, 0, 0
        self.rng = np.random.default_rng(seed)

    def add(self, o, a, r, o2, d):
        self.obs[self.ptr], self.actions[self.ptr], self.rewards[self.ptr] = o, a, r
        self.next_obs[self.ptr], self.dones[self.ptr] = o2, d
        self.ptr = (self.ptr + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, n):
        idx = self.rng.integers(0, self.size, size=n)
        return tuple(torch.from_numpy(a[idx]) for a in
                     (self.obs, self.actions, self.rewards, self.next_obs, self.dones))


class ToyEnv:
    def __init__(self, seed=0):
        self.rng = np.random.default_rng(seed)
        self.state = np.zeros(4, dtype=np.float32)

    def reset(self):
        self.state = self.rng.normal(size=4).astype(np.float32)
        return self.state

    def step(self, a):
        self.state = (self.state + (a - 0.5) * 0.1).astype(np.float32)
        reward = float(-abs(self.state[0]))
        return self.state, reward, bool(abs(self.state[0]) > 2.0)


def dqn_update(q, q_target, opt, batch, gamma=0.99):
    obs, actions, rewards, next_obs, dones = batch
    q_sa = (q(obs) * nn.functional.one_hot(actions, q_target[-1].out_features)).sum(1)
    with torch.no_grad():
        target = rewards + gamma * (1 - dones) * q_target(next_obs).max(1).values
    loss = nn.functional.smooth_l1_loss(q_sa, target)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    env, buf = ToyEnv(), ReplayBuffer(10_000, 4)
    q = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2))
    q_target = nn.Sequential(nn.Linear(4, 64), nn.ReLU(), nn.Linear(64, 2))
    q_target.load_state_dict(q.state_dict())
    opt = torch.optim.Adam(q.parameters(), lr=1e-3)
    o = env.reset()
    for t in range(600):
        a = int(q(torch.from_numpy(o)).argmax()) if np.random.default_rng(t).random() > 0.2 else t % 2
        o2, r, d = env.step(a)
        buf.add(o, a, r, o2, float(d))
        o = env.reset() if d else o2
        if buf.size >= 256:
            print(t, dqn_update(q, q_target, opt, buf.sample(64)))
