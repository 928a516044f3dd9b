# torch.compile(fullgraph=True) on a forward that calls .item() to branch on a data-dependent value
# expect: scale
# also-accept: torch.compile
# category: compile/graph-break
# made-at: 18
import torch
import torch.nn as nn

torch.manual_seed(0)


class Normalizer(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(8, 8)

    def forward(self, x):
        scale = x.abs().max().item()
        if scale > 1.0:
            x = x / scale
        return self.lin(x)


model = torch.compile(Normalizer(), backend="eager", fullgraph=True)
print(model(torch.randn(4, 8) * 3))

# raises: torch._dynamo.exc.UserError: Consider annotating your code using torch._check*(). Could not guard on data-dependent expression zuf0 > 1.0 (unhinted: zuf0 > 1.0).  (Size-like symbols: none)
