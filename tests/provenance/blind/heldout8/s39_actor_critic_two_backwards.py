# The actor and critic share a trunk; the actor loss is backpropagated on its own without retain_graph, freeing the shared graph before the critic loss goes back through it.
# expect: actor_loss.backward()
# also-accept: actor_loss
# category: autograd/retain-graph
# made-at: 64
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical

np.random.seed(0)
torch.manual_seed(0)


class ActorCritic(nn.Module):
    def __init__(self, obs_dim=8, n_actions=4, hidden=64):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(obs_dim, hidden), nn.Tanh())
        self.policy_head = nn.Linear(hidden, n_actions)
        self.value_head = nn.Linear(hidden, 1)

    def forward(self, obs):
        h = self.trunk(obs)
        return self.policy_head(h), self.value_head(h).squeeze(-1)


def rollout(model, steps=32):
    obs_list, act_list, rew_list = [], [], []
    obs = torch.randn(8)
    for _ in range(steps):
        logits, _ = model(obs)
        a = Categorical(logits=logits).sample()
        obs_list.append(obs)
        act_list.append(a)
        rew_list.append(float(a.item() == 2) - 0.1)
        obs = torch.randn(8)
    return torch.stack(obs_list), torch.stack(act_list), torch.tensor(rew_list)


def discounted(rewards, gamma=0.99):
    out, running = [], 0.0
    for r in reversed(rewards.tolist()):
        running = r + gamma * running
        out.append(running)
    return torch.tensor(out[::-1])


model = ActorCritic()
actor_opt = torch.optim.Adam(list(model.trunk.parameters()) + list(model.policy_head.parameters()), lr=3e-4)
critic_opt = torch.optim.Adam(model.value_head.parameters(), lr=1e-3)

for update in range(20):
    obs, actions, rewards = rollout(model)
    returns = discounted(rewards)
    logits, values = model(obs)
    dist = Categorical(logits=logits)
    advantage = returns - values.detach()

    actor_loss = -(dist.log_prob(actions) * advantage).mean() - 0.01 * dist.entropy().mean()
    critic_loss = F.mse_loss(values, returns)

    actor_opt.zero_grad()
    actor_loss.backward()
    actor_opt.step()

    critic_opt.zero_grad()
    critic_loss.backward()
    critic_opt.step()
    print(f"update {update}: actor {actor_loss.item():.3f} critic {critic_loss.item():.3f}")
