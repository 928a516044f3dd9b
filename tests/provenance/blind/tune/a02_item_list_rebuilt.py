# Per-sample losses collected with .item() and re-wrapped with torch.tensor, which cuts the graph before backward
# expect: losses
# also-accept: batch_loss
# category: autograd/no-grad-fn
# made-at: 29
import torch
import torch.nn as nn

torch.manual_seed(0)
policy = nn.Sequential(nn.Linear(4, 32), nn.Tanh(), nn.Linear(32, 2))
optimizer = torch.optim.Adam(policy.parameters(), lr=1e-2)


def run_episode(steps=10):
    log_probs, rewards = [], []
    for _ in range(steps):
        state = torch.randn(4)
        dist = torch.distributions.Categorical(logits=policy(state))
        action = dist.sample()
        log_probs.append(dist.log_prob(action))
        rewards.append(float(action.item() == 1))
    return log_probs, rewards


log_probs, rewards = run_episode()
returns = torch.tensor(rewards).flip(0).cumsum(0).flip(0)
losses = []
for lp, R in zip(log_probs, returns):
    losses.append((-lp * R).item())
batch_loss = torch.tensor(losses).sum()
optimizer.zero_grad()
batch_loss.backward()
optimizer.step()

print("episode return:", sum(rewards))

for episode in range(5):
    log_probs, rewards = run_episode()
    returns = torch.tensor(rewards).flip(0).cumsum(0).flip(0)
    loss = -(torch.stack(log_probs) * returns).sum()
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
