# The CLS token is pre-expanded to the configured batch size in __init__, so the smaller last batch cannot be concatenated with it
# expect: self.cls_tokens = nn.Parameter(torch.zeros(cfg.batch_size, 1, cfg.dim))
# category: shape/last-batch
# made-at: 18
from types import SimpleNamespace

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

cfg = SimpleNamespace(n_patches=16, patch_dim=48, dim=64, heads=4, depth=2, n_classes=5, batch_size=32, epochs=2, lr=3e-4)


class PatchClassifier(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed = nn.Linear(cfg.patch_dim, cfg.dim)
        self.cls_tokens = nn.Parameter(torch.zeros(cfg.batch_size, 1, cfg.dim))
        self.pos = nn.Parameter(torch.randn(1, cfg.n_patches + 1, cfg.dim) * 0.02)
        layer = nn.TransformerEncoderLayer(cfg.dim, cfg.heads, 2 * cfg.dim, batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, cfg.depth)
        self.head = nn.Linear(cfg.dim, cfg.n_classes)

    def forward(self, patches):
        x = self.embed(patches)
        x = torch.cat([self.cls_tokens, x], dim=1) + self.pos
        return self.head(self.encoder(x)[:, 0])


def train_one_epoch(model, loader, opt):
    model.train()
    for i, (x, y) in enumerate(loader):
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


torch.manual_seed(0)
ds = TensorDataset(torch.randn(300, cfg.n_patches, cfg.patch_dim), torch.randint(0, cfg.n_classes, (300,)))
loader = DataLoader(ds, batch_size=cfg.batch_size, shuffle=True)
model = PatchClassifier(cfg)
opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
for epoch in range(cfg.epochs):
    print(epoch, train_one_epoch(model, loader, opt))
