# The features are extracted under CPU bfloat16 autocast and stored as they come out (bfloat16); the float32 linear probe trained later, outside autocast, gets bfloat16 inputs
# expect: feats.append(backbone(xb))
# also-accept: torch.autocast(device_type="cpu", dtype=torch.bfloat16)
# category: dtype/autocast
# made-at: 36
# %% [markdown]
# Feature extraction with bf16 autocast on CPU (much faster on recent Xeons), then a linear probe.

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
N_TRAIN, N_TEST, IMG, N_CLASSES = 512, 128, 32, 10

# %%
backbone = nn.Sequential(
    nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.GELU(),
    nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.GELU(),
    nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.GELU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),
).eval()

train_x = torch.randn(N_TRAIN, 3, IMG, IMG)
train_y = torch.randint(0, N_CLASSES, (N_TRAIN,))
test_x = torch.randn(N_TEST, 3, IMG, IMG)
test_y = torch.randint(0, N_CLASSES, (N_TEST,))


# %%
def extract(images, batch_size=64):
    feats = []
    with torch.no_grad(), torch.autocast(device_type="cpu", dtype=torch.bfloat16):
        for xb in images.split(batch_size):
            feats.append(backbone(xb))
    return torch.cat(feats)


train_f = extract(train_x)
test_f = extract(test_x)
print("features:", train_f.shape, test_f.shape)

# %%
probe = nn.Linear(train_f.size(1), N_CLASSES)
opt = torch.optim.Adam(probe.parameters(), lr=1e-2)
for epoch in range(20):
    loss = F.cross_entropy(probe(train_f), train_y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(f"epoch {epoch}: loss {loss.item():.4f}")

# %%
with torch.no_grad():
    acc = (probe(test_f).argmax(1) == test_y).float().mean().item()
print(f"linear probe accuracy: {acc:.3f}")
