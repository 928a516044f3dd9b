# num_patches is computed as image_size // patch_size instead of its square, so the position embedding is too short for the patch sequence
# expect: num_patches
# also-accept: self.pos_embed
# category: shape/position-embedding
# made-at: 25
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class ViTConfig:
    image_size: int = 32
    patch_size: int = 8
    dim: int = 48
    depth: int = 2
    heads: int = 4
    num_classes: int = 10


class ViT(nn.Module):
    def __init__(self, config: ViTConfig):
        super().__init__()
        num_patches = config.image_size // config.patch_size
        self.patch_embed = nn.Conv2d(3, config.dim, kernel_size=config.patch_size, stride=config.patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, config.dim))
        self.pos_embed = nn.Parameter(torch.randn(1, num_patches + 1, config.dim) * 0.02)
        layer = nn.TransformerEncoderLayer(config.dim, config.heads, 4 * config.dim, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.depth)
        self.head = nn.Linear(config.dim, config.num_classes)

    def forward(self, images):
        x = self.patch_embed(images).flatten(2).transpose(1, 2)
        cls = self.cls_token.expand(x.size(0), -1, -1)
        x = torch.cat([cls, x], dim=1) + self.pos_embed
        x = self.encoder(x)
        return self.head(x[:, 0])


config = ViTConfig()
model = ViT(config)
images = torch.randn(4, 3, config.image_size, config.image_size)
print(model(images).shape)
