# a debug print inside forward cannot be traced by dynamo, and fullgraph=True turns that graph break into an error
# expect: print(f"block {i}: update/input norm ratio {scale.item():.3f}")
# also-accept: torch.compile(model, backend="eager", fullgraph=True)
# category: wrapper/compile
# made-at: 27
import torch
import torch.nn as nn

CFG = {"dim": 64, "hidden": 256, "layers": 3, "lr": 3e-4, "steps": 10, "log_every": 5}


class ResidualMLP(nn.Module):
    def __init__(self, dim, hidden, layers):
        super().__init__()
        self.blocks = nn.ModuleList(
            nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))
            for _ in range(layers)
        )
        self.out = nn.Linear(dim, 1)
        self.verbose = False

    def forward(self, x):
        for i, block in enumerate(self.blocks):
            update = block(x)
            if self.verbose:
                scale = update.norm() / x.norm()
                print(f"block {i}: update/input norm ratio {scale.item():.3f}")
            x = x + update
        return self.out(x).squeeze(-1)


def make_batch(g, n=128, dim=64):
    x = torch.randn(n, dim, generator=g)
    return x, x[:, :4].sum(1).sin()


def main():
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(0)
    model = ResidualMLP(CFG["dim"], CFG["hidden"], CFG["layers"])
    compiled = torch.compile(model, backend="eager", fullgraph=True)
    opt = torch.optim.AdamW(model.parameters(), lr=CFG["lr"])
    for step in range(CFG["steps"]):
        model.verbose = step % CFG["log_every"] == 0
        x, y = make_batch(g)
        loss = nn.functional.mse_loss(compiled(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(step, loss.item())


if __name__ == "__main__":
    main()
