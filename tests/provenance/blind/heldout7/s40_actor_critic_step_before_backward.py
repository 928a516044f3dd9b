# the shared-trunk actor-critic steps the optimizer after the critic loss and only then backpropagates the actor loss through the same graph, whose weights the step changed in place
# expect: optimizer.step()
# also-accept: actor_loss.backward()
# category: autograd/inplace
# made-at: 55
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
np.random.seed(0)


class Bandit:
    """Contextual bandit with 4 arms; the best arm depends on the context."""

    def __init__(self, obs_dim=6, n_arms=4):
        self.W = np.random.randn(obs_dim, n_arms)

    def reset(self):
        self.ctx = np.random.randn(self.W.shape[0]).astype(np.float32)
        return self.ctx

    def step(self, a):
        return float((self.ctx @ self.W)[a] + 0.1 * np.random.randn())


class ActorCritic(nn.Module):
    def __init__(self, obs_dim=6, n_actions=4, hidden=32):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh(),
                                   nn.Linear(hidden, hidden), nn.Tanh())
        self.policy = nn.Linear(hidden, n_actions)
        self.value = nn.Linear(hidden, 1)

    def forward(self, obs):
        h = self.trunk(obs)
        return torch.distributions.Categorical(logits=self.policy(h)), self.value(h).squeeze(-1)


env = Bandit()
model = ActorCritic()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)

for episode in range(200):
    obs = torch.stack([torch.from_numpy(env.reset()) for _ in range(16)])
    dist, values = model(obs)
    actions = dist.sample()
    rewards = torch.tensor([env.step(int(a)) for a in actions])
    advantages = rewards - values.detach()

    critic_loss = (rewards - values).pow(2).mean()
    optimizer.zero_grad()
    critic_loss.backward(retain_graph=True)
    optimizer.step()

    actor_loss = -(dist.log_prob(actions) * advantages).mean()
    actor_loss.backward()
    optimizer.step()
    if episode % 50 == 0:
        print(episode, rewards.mean().item())
