# The inference helper converts the decoded image with torch.from_numpy, keeping numpy's H x W x C layout, so the first conv sees 224 channels instead of 3
# expect: tensor
# also-accept: image
# category: shape/conv-channels
# made-at: 29
import numpy as np
import torch
import torch.nn as nn

IMAGENET_MEAN = np.array([0.485, 0.456, 0.406], dtype=np.float32)
IMAGENET_STD = np.array([0.229, 0.224, 0.225], dtype=np.float32)


def tiny_cnn(num_classes=3):
    return nn.Sequential(
        nn.Conv2d(3, 16, 7, stride=4, padding=3), nn.ReLU(),
        nn.Conv2d(16, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, num_classes),
    )


def decode_image(seed, size=224):
    # stands in for np.asarray(Image.open(path).convert("RGB").resize((size, size)))
    return np.random.default_rng(seed).integers(0, 256, (size, size, 3), dtype=np.uint8)


def preprocess(image):
    x = (image.astype(np.float32) / 255.0 - IMAGENET_MEAN) / IMAGENET_STD
    tensor = torch.from_numpy(x).unsqueeze(0)
    return tensor


class Predictor:
    def __init__(self, model, labels):
        self.model, self.labels = model.eval(), labels

    @torch.inference_mode()
    def __call__(self, image):
        logits = self.model(preprocess(image))
        return self.labels[int(logits.argmax(1))]


predictor = Predictor(tiny_cnn(), ["cat", "dog", "other"])
for seed in range(3):
    print(seed, predictor(decode_image(seed)))

# raises: RuntimeError: Given groups=1, weight of size [16, 3, 7, 7], expected input[1, 224, 224, 3] to have 3 channels, but got 224 channels instead
