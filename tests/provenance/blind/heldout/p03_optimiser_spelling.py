# The optimizer is created as `optimiser` but the loop calls `optimizer`
# expect: optimizer
# also-accept: optimiser
# category: unknown
# made-at: 18
import torch
import torch.nn as nn

torch.manual_seed(0)

# %%
model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 1))
optimiser = torch.optim.SGD(model.parameters(), lr=0.05)
x, y = torch.randn(64, 4), torch.randn(64, 1)

# %%
for epoch in range(10):
    optimizer.zero_grad()
    loss = nn.functional.mse_loss(model(x), y)
    loss.backward()
    optimiser.step()

# raises: NameError: name 'optimizer' is not defined. Did you mean: 'optimiser'?
