# The critic loss and the actor loss share the trunk's graph but are back-propagated one after the other, the first without retain_graph
# expect: critic_loss.backward()
# also-accept: actor_loss.backward()
# category: autograd/backward-twice
# made-at: 45
import torch
import torch.nn as nn


class ActorCritic(nn.Module):
    def __init__(self, obs_dim, n_actions):
        super().__init__()
        self.trunk = nn.Sequential(nn.Linear(obs_dim, 64), nn.Tanh())
        self.actor = nn.Linear(64, n_actions)
        self.critic = nn.Linear(64, 1)

    def forward(self, obs):
        h = self.trunk(obs)
        return self.actor(h), self.critic(h).squeeze(-1)


def rollout(model, steps=32, obs_dim=6, g=None):
    obs = torch.randn(steps, obs_dim, generator=g)
    logits, values = model(obs)
    dist = torch.distributions.Categorical(logits=logits)
    actions = dist.sample()
    rewards = (actions == 1).float() + 0.1 * torch.randn(steps, generator=g)
    return dist.log_prob(actions), values, rewards


def discounted(rewards, gamma=0.99):
    out, g = torch.zeros_like(rewards), 0.0
    for t in reversed(range(len(rewards))):
        g = rewards[t] + gamma * g
        out[t] = g
    return out


def update(model, opt, log_probs, values, rewards):
    returns = discounted(rewards)
    advantages = returns - values
    critic_loss = advantages.pow(2).mean()
    actor_loss = -(log_probs * advantages.detach()).mean()
    opt.zero_grad()
    critic_loss.backward()
    actor_loss.backward()
    opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    model = ActorCritic(6, 3)
    opt = torch.optim.Adam(model.parameters(), lr=3e-4)
    for it in range(5):
        update(model, opt, *rollout(model, g=g))
