# The residual is added in place to the output of tanh, which tanh saved for its backward, so backward finds the tensor at a newer version
# expect: h += self.skip(x)
# category: autograd/inplace
# made-at: 21
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(3)


class ResidualTanhBlock(nn.Module):
    def __init__(self, dim_in, dim_hidden):
        super().__init__()
        self.fc1 = nn.Linear(dim_in, dim_hidden)
        self.skip = nn.Linear(dim_in, dim_hidden, bias=False)
        self.fc2 = nn.Linear(dim_hidden, dim_hidden)

    def forward(self, x):
        h = torch.tanh(self.fc1(x))
        h += self.skip(x)
        return torch.tanh(self.fc2(h))


class Regressor(nn.Module):
    def __init__(self, dim_in=8, dim_hidden=64, n_blocks=2):
        super().__init__()
        blocks = [ResidualTanhBlock(dim_in, dim_hidden)]
        blocks += [ResidualTanhBlock(dim_hidden, dim_hidden) for _ in range(n_blocks - 1)]
        self.blocks = nn.Sequential(*blocks)
        self.out = nn.Linear(dim_hidden, 1)

    def forward(self, x):
        return self.out(self.blocks(x)).squeeze(-1)


# synthetic regression target
X = torch.randn(1000, 8)
y = torch.sin(X[:, 0]) + 0.5 * X[:, 1] * X[:, 2] + 0.1 * torch.randn(1000)
loader = DataLoader(TensorDataset(X, y), batch_size=50, shuffle=True)

model = Regressor()
optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
loss_fn = nn.MSELoss()

for epoch in range(10):
    total = 0.0
    for xb, yb in loader:
        pred = model(xb)
        loss = loss_fn(pred, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    print(f"epoch {epoch}: mse {total / len(X):.4f}")
