# The replay buffer stores actions in a float32 array, so the sampled actions cannot index Q-values with gather
# expect: self.actions = np.zeros((capacity, 1), dtype=np.float32)
# category: dtype/index
# made-at: 15
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class ReplayBuffer:
    def __init__(self, capacity, obs_dim):
        self.obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.next_obs = np.zeros((capacity, obs_dim), dtype=np.float32)
        self.actions = np.zeros((capacity, 1), dtype=np.float32)
        self.rewards = np.zeros((capacity, 1), dtype=np.float32)
        self.dones = np.zeros((capacity, 1), dtype=np.float32)
        self.capacity, self.ptr, self.size = capacity, 0, 0

    def add(self, o, a, r, o2, d):
        self.obs[self.ptr], self.actions[self.ptr], self.rewards[self.ptr] = o, a, r
        self.next_obs[self.ptr], self.dones[self.ptr] = o2, d
        self.ptr = (self.ptr + 1) % self.capacity
        self.size = min(self.size + 1, self.capacity)

    def sample(self, batch_size, rng):
        idx = rng.integers(0, self.size, size=batch_size)
        return tuple(torch.as_tensor(a[idx]) for a in (self.obs, self.actions, self.rewards, self.next_obs, self.dones))


def dqn_update(q_net, target_net, opt, batch, gamma=0.99):
    obs, actions, rewards, next_obs, dones = batch
    q = q_net(obs).gather(1, actions)
    with torch.no_grad():
        target = rewards + gamma * (1 - dones) * target_net(next_obs).max(1, keepdim=True).values
    loss = F.smooth_l1_loss(q, target)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


def main():
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    obs_dim, n_actions = 4, 3
    q_net = nn.Sequential(nn.Linear(obs_dim, 64), nn.ReLU(), nn.Linear(64, n_actions))
    target_net = nn.Sequential(nn.Linear(obs_dim, 64), nn.ReLU(), nn.Linear(64, n_actions))
    target_net.load_state_dict(q_net.state_dict())
    opt = torch.optim.Adam(q_net.parameters(), lr=1e-3)
    buf = ReplayBuffer(1000, obs_dim)
    o = rng.normal(size=obs_dim)
    for t in range(300):
        a = int(rng.integers(n_actions))
        o2 = o + 0.1 * rng.normal(size=obs_dim)
        buf.add(o, a, float(a == 1), o2, float(t % 50 == 49))
        o = o2
        if buf.size >= 64:
            dqn_update(q_net, target_net, opt, buf.sample(32, rng))


if __name__ == "__main__":
    main()
