# For discriminative learning rates the second param group was meant to be the head, but it is given model.parameters(), so the encoder weights are in both groups.
# expect: model.parameters()
# also-accept: param_groups
# category: optim/param-groups
# made-at: 32
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class TabTransformer(nn.Module):
    def __init__(self, n_cat=6, card=10, dim=32, n_num=4, n_out=2):
        super().__init__()
        self.cat_emb = nn.ModuleList(nn.Embedding(card, dim) for _ in range(n_cat))
        layer = nn.TransformerEncoderLayer(dim, 4, 64, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, 2)
        self.head = nn.Sequential(nn.Linear(n_cat * dim + n_num, 64), nn.ReLU(), nn.Linear(64, n_out))

    def forward(self, x_cat, x_num):
        tokens = torch.stack([emb(x_cat[:, i]) for i, emb in enumerate(self.cat_emb)], dim=1)
        ctx = self.encoder(tokens).flatten(1)
        return self.head(torch.cat([ctx, x_num], dim=1))


model = TabTransformer()
model = torch.compile(model)

param_groups = [
    {"params": model.encoder.parameters(), "lr": 1e-4},
    {"params": model.parameters(), "lr": 1e-3},
]
optimizer = torch.optim.AdamW(param_groups, weight_decay=0.01)

x_cat = torch.randint(0, 10, (512, 6))
x_num = torch.randn(512, 4)
y = torch.randint(0, 2, (512,))
for epoch in range(3):
    optimizer.zero_grad()
    loss = F.cross_entropy(model(x_cat, x_num), y)
    loss.backward()
    optimizer.step()
    print(epoch, loss.item())
