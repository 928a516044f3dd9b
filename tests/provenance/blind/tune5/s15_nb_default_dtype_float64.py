# An earlier notebook cell switched the default dtype to float64, so the model is built in double while the numpy data stays float32
# expect: torch.set_default_dtype(torch.float64)
# category: dtype/setting
# made-at: 11
# %%
import numpy as np
import torch
import torch.nn as nn

# %% gradient check of the custom activation (needs double precision)
torch.set_default_dtype(torch.float64)


def swish(x, beta):
    return x * torch.sigmoid(beta * x)


xs = torch.randn(5, requires_grad=True)
beta = torch.tensor(1.5, requires_grad=True)
print("gradcheck:", torch.autograd.gradcheck(swish, (xs, beta)))

# %% load data
rng = np.random.default_rng(0)
X = rng.normal(size=(300, 10)).astype(np.float32)
y = (X @ rng.normal(size=(10, 1))).astype(np.float32)
X_t, y_t = torch.from_numpy(X), torch.from_numpy(y)


# %% model using the custom activation
class Swish(nn.Module):
    def __init__(self):
        super().__init__()
        self.beta = nn.Parameter(torch.tensor(1.0))

    def forward(self, x):
        return swish(x, self.beta)


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 32), Swish(), nn.Linear(32, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)

# %% train
for step in range(100):
    loss = nn.functional.mse_loss(model(X_t), y_t)
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())
