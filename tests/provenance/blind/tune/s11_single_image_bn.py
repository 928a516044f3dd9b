# Predicting on a single image tensor (C,H,W) without adding the batch dimension
# expect: img
# category: shape/missing-batch-dim
# made-at: 27
import torch
import torch.nn as nn

torch.manual_seed(0)

# %% model definition (trained earlier in the notebook)
model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1),
    nn.BatchNorm2d(8),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    nn.Flatten(),
    nn.Linear(8, 3),
)
model.eval()


# %% inference on one picture
def load_image():
    return torch.rand(3, 224, 224)


img = load_image()
with torch.no_grad():
    pred = model(img).argmax(1)
print("class", pred.item())


# %% show top-3 classes
CLASS_NAMES = ["cat", "dog", "horse"]
with torch.no_grad():
    probs = model(img).softmax(1)[0]
for p, idx in zip(*probs.topk(3)):
    print(f"{CLASS_NAMES[idx]}: {p.item():.2%}")

# raises: ValueError: expected 4D input (got 3D input)
