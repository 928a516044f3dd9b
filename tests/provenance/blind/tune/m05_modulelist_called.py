# The stacked layers are held in an nn.ModuleList, which is called directly as if it were nn.Sequential
# expect: self.blocks
# category: module/forward-misuse
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)


class MLPMixerLite(nn.Module):
    def __init__(self, dim=24, depth=3):
        super().__init__()
        self.blocks = nn.ModuleList(
            [nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, dim), nn.GELU()) for _ in range(depth)]
        )
        self.head = nn.Linear(dim, 2)

    def forward(self, x):
        x = self.blocks(x)
        return self.head(x.mean(1))


model = MLPMixerLite()
print(model(torch.randn(2, 9, 24)))

# raises: NotImplementedError: Module [ModuleList] is missing the required "forward" function
