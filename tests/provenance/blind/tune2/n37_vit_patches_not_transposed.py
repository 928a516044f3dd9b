# The patch embedding flattens to (B, D, N) but never transposes to (B, N, D), so concatenating the (B, 1, D) class token fails
# expect: x
# also-accept: self.patch_embed
# category: shape/concat-mismatch
# made-at: 20
import torch
import torch.nn as nn

VIT_CFG = dict(image_size=32, patch_size=8, in_chans=3, embed_dim=48, depth=2, num_heads=4, num_classes=10)


class PatchEmbed(nn.Module):
    def __init__(self, image_size, patch_size, in_chans, embed_dim):
        super().__init__()
        self.num_patches = (image_size // patch_size) ** 2
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        x = self.proj(x)  # (B, D, H/P, W/P)
        x = x.flatten(2)
        return x


class ViT(nn.Module):
    def __init__(self, image_size, patch_size, in_chans, embed_dim, depth, num_heads, num_classes):
        super().__init__()
        self.patch_embed = PatchEmbed(image_size, patch_size, in_chans, embed_dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
        self.pos_embed = nn.Parameter(torch.randn(1, self.patch_embed.num_patches + 1, embed_dim) * 0.02)
        layer = nn.TransformerEncoderLayer(embed_dim, num_heads, 4 * embed_dim, batch_first=True, norm_first=True)
        self.blocks = nn.TransformerEncoder(layer, depth)
        self.head = nn.Linear(embed_dim, num_classes)

    def forward(self, images):
        x = self.patch_embed(images)
        cls = self.cls_token.expand(x.size(0), -1, -1)
        x = torch.cat([cls, x], dim=1) + self.pos_embed
        x = self.blocks(x)
        return self.head(x[:, 0])


torch.manual_seed(0)
vit = ViT(**VIT_CFG)
optimizer = torch.optim.AdamW(vit.parameters(), lr=3e-4, weight_decay=0.05)
images, targets = torch.rand(8, 3, 32, 32), torch.randint(0, 10, (8,))
loss = nn.functional.cross_entropy(vit(images), targets, label_smoothing=0.1)
loss.backward()
optimizer.step()
print(loss.item())

# raises: RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 48 but got size 16 for tensor number 1 in the list.
