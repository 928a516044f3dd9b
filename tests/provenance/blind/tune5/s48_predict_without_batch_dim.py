# The single image at inference is passed as (channels, H, W) without a batch axis; the conv accepts it unbatched and the flatten then mixes channels into the batch
# expect: preprocess(image)
# category: shape/batch-dim
# made-at: 36
import numpy as np
import torch
import torch.nn as nn

MEAN = torch.tensor([0.485, 0.456, 0.406]).view(3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(3, 1, 1)
CLASSES = ["cat", "dog", "bird", "car"]


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Linear(32 * 16 * 16, len(CLASSES))

    def forward(self, x):
        x = self.features(x)
        x = x.flatten(1)
        return self.classifier(x)


def preprocess(image):
    x = torch.from_numpy(image).permute(2, 0, 1).float() / 255.0
    return (x - MEAN) / STD


def predict(model, image):
    model.eval()
    x = preprocess(image)
    with torch.no_grad():
        probs = model(x).softmax(-1)
    return CLASSES[int(probs.argmax(-1))]


if __name__ == "__main__":
    torch.manual_seed(0)
    model = SmallNet()
    image = np.random.default_rng(0).integers(0, 256, size=(64, 64, 3), dtype=np.uint8)
    print(predict(model, image))
