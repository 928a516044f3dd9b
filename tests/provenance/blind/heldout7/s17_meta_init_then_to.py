# The model is built on the meta device (to skip the slow init) and then moved with .to(device); meta tensors have no data, so .to() cannot copy them (it needs to_empty() plus re-initialisation or a state dict load)
# expect: model.to(c.device)
# also-accept: torch.device(c.init_device)
# category: device/meta
# made-at: 65
"""Build a largish MLP-mixer fast: construct on meta, then move to the training device."""
import time
from types import SimpleNamespace

import torch
import torch.nn as nn

cfg = SimpleNamespace(
    seed=0,
    image_size=32,
    patch_size=4,
    channels=3,
    dim=256,
    depth=6,
    token_mlp_dim=128,
    channel_mlp_dim=512,
    num_classes=10,
    init_device="meta",      # don't spend time on random init, weights get set later
    device="cpu",
    lr=1e-3,
    batch_size=32,
    steps=20,
)


class MixerBlock(nn.Module):
    def __init__(self, num_patches, dim, token_dim, channel_dim):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim)
        self.token_mlp = nn.Sequential(nn.Linear(num_patches, token_dim), nn.GELU(), nn.Linear(token_dim, num_patches))
        self.norm2 = nn.LayerNorm(dim)
        self.channel_mlp = nn.Sequential(nn.Linear(dim, channel_dim), nn.GELU(), nn.Linear(channel_dim, dim))

    def forward(self, x):
        x = x + self.token_mlp(self.norm1(x).transpose(1, 2)).transpose(1, 2)
        return x + self.channel_mlp(self.norm2(x))


class MLPMixer(nn.Module):
    def __init__(self, c):
        super().__init__()
        n_patches = (c.image_size // c.patch_size) ** 2
        self.stem = nn.Conv2d(c.channels, c.dim, c.patch_size, stride=c.patch_size)
        self.blocks = nn.Sequential(*[MixerBlock(n_patches, c.dim, c.token_mlp_dim, c.channel_mlp_dim) for _ in range(c.depth)])
        self.norm = nn.LayerNorm(c.dim)
        self.head = nn.Linear(c.dim, c.num_classes)

    def forward(self, x):
        x = self.stem(x).flatten(2).transpose(1, 2)
        x = self.norm(self.blocks(x))
        return self.head(x.mean(1))


def build_model(c):
    t0 = time.time()
    with torch.device(c.init_device):
        model = MLPMixer(c)
    n_params = sum(p.numel() for p in model.parameters())
    print(f"built {n_params / 1e6:.2f}M params in {time.time() - t0:.3f}s on {c.init_device}")
    model = model.to(c.device)
    return model


torch.manual_seed(cfg.seed)
model = build_model(cfg)
optimizer = torch.optim.AdamW(model.parameters(), lr=cfg.lr)
for step in range(cfg.steps):
    x = torch.randn(cfg.batch_size, cfg.channels, cfg.image_size, cfg.image_size, device=cfg.device)
    y = torch.randint(0, cfg.num_classes, (cfg.batch_size,), device=cfg.device)
    loss = nn.functional.cross_entropy(model(x), y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 5 == 0:
        print(f"step {step}: loss {loss.item():.4f}")
