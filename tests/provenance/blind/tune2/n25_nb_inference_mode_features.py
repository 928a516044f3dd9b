# Notebook: features were precomputed under torch.inference_mode() in an earlier cell; the probe's Linear cannot save these inference tensors for backward
# expect: feats
# also-accept: torch.inference_mode()
# category: autograd/no-grad-fn
# made-at: 25
# %% [markdown]
# Linear probe on frozen encoder features.

# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
encoder = nn.Sequential(
    nn.Conv2d(3, 16, 3, stride=2, padding=1), nn.ReLU(),
    nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(),
)
images = torch.rand(96, 3, 32, 32)
labels = torch.randint(0, 4, (96,))

# %% extract features once (encoder is frozen, so no autograd needed)
encoder.eval()
with torch.inference_mode():
    feats = encoder(images)
print(feats.shape, feats.mean().item())

# %%
probe = nn.Linear(32, 4)
opt = torch.optim.LBFGS(probe.parameters(), lr=0.5, max_iter=20)


def closure():
    opt.zero_grad()
    loss = nn.functional.cross_entropy(probe(feats), labels)
    loss.backward()
    return loss


# %%
for it in range(5):
    loss = opt.step(closure)
    print(f"iter {it}: {loss.item():.4f}")

# raises: RuntimeError: Inference tensors cannot be saved for backward. Please do not use Tensors created in inference mode in computation tracked by autograd. To work around this, you can make a clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`.
