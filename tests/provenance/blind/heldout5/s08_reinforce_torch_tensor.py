# The episode's log-probabilities are gathered with torch.tensor(...), which copies the values and drops the graph, so the policy loss has no grad_fn
# expect: torch.tensor(self.log_probs)
# category: autograd/detached
# made-at: 50
import torch
import torch.nn as nn


class LineWorld:
    """Agent on a line of 10 cells; reward 1 at the right end."""

    def __init__(self, size=10):
        self.size = size

    def reset(self):
        self.pos = 0
        return self._obs()

    def _obs(self):
        o = torch.zeros(self.size)
        o[self.pos] = 1.0
        return o

    def step(self, action):
        self.pos = max(0, min(self.size - 1, self.pos + (1 if action == 1 else -1)))
        done = self.pos == self.size - 1
        return self._obs(), (1.0 if done else -0.01), done


class Agent:
    def __init__(self, n_obs, n_act, gamma=0.99):
        self.policy = nn.Sequential(nn.Linear(n_obs, 32), nn.Tanh(), nn.Linear(32, n_act))
        self.opt = torch.optim.Adam(self.policy.parameters(), lr=1e-2)
        self.gamma = gamma
        self.log_probs, self.rewards = [], []

    def act(self, obs):
        dist = torch.distributions.Categorical(logits=self.policy(obs))
        a = dist.sample()
        self.log_probs.append(dist.log_prob(a))
        return a.item()

    def finish_episode(self):
        returns, g = [], 0.0
        for r in reversed(self.rewards):
            g = r + self.gamma * g
            returns.insert(0, g)
        returns = torch.tensor(returns)
        returns = (returns - returns.mean()) / (returns.std() + 1e-8)
        log_probs = torch.tensor(self.log_probs)
        loss = -(log_probs * returns).sum()
        self.opt.zero_grad()
        loss.backward()
        self.opt.step()
        self.log_probs, self.rewards = [], []
        return loss.item()


def main():
    torch.manual_seed(0)
    env = LineWorld()
    agent = Agent(env.size, 2)
    for ep in range(5):
        obs, done, steps = env.reset(), False, 0
        while not done and steps < 50:
            obs, r, done = env.step(agent.act(obs))
            agent.rewards.append(r)
            steps += 1
        print(ep, agent.finish_episode())


main()
