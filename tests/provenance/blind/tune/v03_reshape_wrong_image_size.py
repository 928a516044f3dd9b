# Flat pixel rows are reshaped assuming 28x28 images but the CSV holds 32x32 images
# expect: IMG_SIZE
# category: shape/invalid-view
# made-at: 8
import numpy as np
import torch

IMG_SIZE = 28
rng = np.random.default_rng(0)
pixels = rng.integers(0, 256, size=(10, 32 * 32)).astype(np.float32)

x = torch.from_numpy(pixels) / 255.0
x = x.reshape(-1, 1, IMG_SIZE, IMG_SIZE)
print(x.shape)

# raises: RuntimeError: shape '[-1, 1, 28, 28]' is invalid for input of size 10240
