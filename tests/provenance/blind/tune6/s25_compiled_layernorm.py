# The block's LayerNorm is sized from the input width instead of the expanded hidden width it normalises, which surfaces when the compiled model is first traced
# expect: self.norm = nn.LayerNorm(dim)
# category: shape/norm
# made-at: 14
import torch
import torch.nn as nn


class MLPBlock(nn.Module):
    def __init__(self, dim, expansion=4, p=0.1):
        super().__init__()
        hidden = dim * expansion
        self.fc1 = nn.Linear(dim, hidden)
        self.norm = nn.LayerNorm(dim)
        self.act = nn.GELU()
        self.drop = nn.Dropout(p)
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x):
        return x + self.fc2(self.drop(self.act(self.norm(self.fc1(x)))))


class TabularNet(nn.Module):
    def __init__(self, in_dim=20, dim=32, depth=3, n_out=2):
        super().__init__()
        self.inp = nn.Linear(in_dim, dim)
        self.blocks = nn.Sequential(*[MLPBlock(dim) for _ in range(depth)])
        self.out = nn.Linear(dim, n_out)

    def forward(self, x):
        return self.out(self.blocks(self.inp(x)))


def build_model(compile_model=True):
    model = TabularNet()
    if compile_model:
        model = torch.compile(model, backend="eager")
    return model


if __name__ == "__main__":
    torch.manual_seed(0)
    model = build_model()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
    x = torch.randn(128, 20)
    y = (x[:, 0] > 0).long()
    for step in range(5):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())
