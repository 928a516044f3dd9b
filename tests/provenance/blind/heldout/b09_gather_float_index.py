# Chosen actions stored in a float replay buffer are used directly as gather indices in a DQN update
# expect: actions
# category: dtype/index-not-integer
# made-at: 37
import torch
import torch.nn as nn

torch.manual_seed(0)
STATE_DIM, N_ACTIONS = 4, 2

q_net = nn.Sequential(nn.Linear(STATE_DIM, 32), nn.ReLU(), nn.Linear(32, N_ACTIONS))
target_net = nn.Sequential(nn.Linear(STATE_DIM, 32), nn.ReLU(), nn.Linear(32, N_ACTIONS))
target_net.load_state_dict(q_net.state_dict())
opt = torch.optim.Adam(q_net.parameters(), lr=1e-3)

# replay buffer rows: state(4) | action | reward | next_state(4) | done
buffer = torch.cat(
    [
        torch.randn(128, STATE_DIM),
        torch.randint(0, N_ACTIONS, (128, 1)).float(),
        torch.randn(128, 1),
        torch.randn(128, STATE_DIM),
        torch.zeros(128, 1),
    ],
    dim=1,
)


def sample(buf, n=32):
    idx = torch.randint(0, len(buf), (n,))
    return buf[idx]


for step in range(5):
    batch = sample(buffer)
    states = batch[:, :4]
    actions = batch[:, 4]
    rewards = batch[:, 5]
    next_states = batch[:, 6:10]
    dones = batch[:, 10]
    q_values = q_net(states).gather(1, actions.unsqueeze(1)).squeeze(1)
    with torch.no_grad():
        target = rewards + 0.99 * target_net(next_states).max(1).values * (1 - dones)
    loss = nn.functional.smooth_l1_loss(q_values, target)
    opt.zero_grad()
    loss.backward()
    opt.step()

# raises: RuntimeError: gather(): Expected dtype int32/int64 for index
