# Images loaded as HWC numpy arrays are stacked to NHWC and fed to Conv2d without permuting to NCHW
# expect: batch
# also-accept: imgs
# category: shape/conv-channels
# made-at: 42
import numpy as np
import torch
import torch.nn as nn

rng = np.random.default_rng(0)
torch.manual_seed(0)


def load_images(n):
    # pretend these came from cv2.imread / PIL -> np.asarray: (H, W, C), uint8
    return [rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8) for _ in range(n)]


def preprocess(images):
    arr = np.stack(images).astype(np.float32) / 255.0
    return arr


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(1),
        )
        self.head = nn.Linear(32, 2)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


imgs = load_images(8)
batch = torch.from_numpy(preprocess(imgs))
model = Classifier().eval()
with torch.no_grad():
    probs = model(batch).softmax(dim=1)
print(probs)

# raises: RuntimeError: Given groups=1, weight of size [16, 3, 3, 3], expected input[8, 64, 64, 3] to have 3 channels, but got 64 channels instead
