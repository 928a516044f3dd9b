# Notebook: the cell that adds the batch dimension (img = img.unsqueeze(0)) was run twice, so the image reaching conv2d is 5-D
# expect: img
# also-accept:
# category: shape/missing-batch-dim
# made-at: 28
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
    nn.Flatten(), nn.Linear(32, 5),
).eval()
class_names = ["daisy", "dandelion", "rose", "sunflower", "tulip"]

# %% load one test image (H, W, C uint8, as from PIL) and convert to a float CHW tensor
hwc = torch.randint(0, 256, (64, 64, 3), dtype=torch.uint8)
img = hwc.permute(2, 0, 1).float().div(255)
print(img.shape)

# %% add the batch dimension
img = img.unsqueeze(0)
print(img.shape)

# %% (re-run after tweaking the print above)
img = img.unsqueeze(0)
print(img.shape)

# %% predict
with torch.no_grad():
    probs = model(img).softmax(dim=1)[0]
top = probs.topk(3)
for p, i in zip(top.values.tolist(), top.indices.tolist()):
    print(f"{class_names[i]:>10s} {p:.2%}")

# raises: RuntimeError: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 1, 3, 64, 64]
