# Notebook cells run top to bottom: a regression cell defines `fit` around `loss_fn`, a later
# cell rebinds `loss_fn` for a classification probe, and re-running `fit` now uses the probe's
# loss on float regression targets. The culprit is the rebinding.
# expect: loss_fn
# expect-made-at: 30
# category: shape/target-shape
# roles: target
# message: 0D or 1D target tensor expected
# %%
import torch
from torch import nn

inputs = torch.randn(64, 6)
targets = inputs.sum(dim=1, keepdim=True)
regressor = nn.Linear(6, 1)
loss_fn = nn.MSELoss()


# %% regression cell
def fit(steps: int) -> float:
    for _ in range(steps):
        loss = loss_fn(regressor(inputs), targets)
        loss.backward()
    return loss.item()


fit(2)

# %% probe cell: is the sign of the sum predictable? (log-probabilities, class ids)
loss_fn = nn.NLLLoss()
probe = nn.Sequential(nn.Linear(6, 2), nn.LogSoftmax(dim=1))
print(loss_fn(probe(inputs), (targets.squeeze(1) > 0).long()).item())

# %% back to the regression cell, re-run
fit(2)
