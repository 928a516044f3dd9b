# The activation is built as ReLU(inplace=True) and applied to a tanh output that tanh's backward still needs
# expect: nn.ReLU(inplace=True)
# category: autograd/inplace
# made-at: 14
import torch
import torch.nn as nn


class GatedResidual(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.proj = nn.Linear(dim, dim)
        self.gate = nn.Linear(dim, dim)
        self.act = nn.ReLU(inplace=True)

    def forward(self, x):
        h = torch.tanh(self.proj(x))
        g = torch.sigmoid(self.gate(x))
        h = self.act(h)
        return x + g * h


class Net(nn.Module):
    def __init__(self, dim=32, depth=3):
        super().__init__()
        self.blocks = nn.Sequential(*[GatedResidual(dim) for _ in range(depth)])
        self.out = nn.Linear(dim, 1)

    def forward(self, x):
        return self.out(self.blocks(x))


def fit(model, x, y, steps=10):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(steps):
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    x = torch.randn(128, 32)
    y = x[:, :4].sum(1, keepdim=True)
    print(fit(Net(), x, y))
