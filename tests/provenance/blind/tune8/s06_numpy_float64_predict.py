# the preprocessing divides a numpy array by 255.0, giving float64, and torch.from_numpy keeps that dtype so the float32 model rejects it
# expect: torch.from_numpy(arr)
# also-accept: preprocess, arr
# category: dtype/float64
# made-at: 32
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
rng = np.random.default_rng(0)


class DigitClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.fc = nn.Linear(16 * 7 * 7, 10)

    def forward(self, x):
        x = self.conv(x)
        return self.fc(x.flatten(1))


def preprocess(raw):
    """raw: uint8 array (28, 28) as read from the uploaded PNG"""
    arr = raw.astype(np.float64) / 255.0
    arr = (arr - 0.1307) / 0.3081
    x = torch.from_numpy(arr)
    return x.unsqueeze(0).unsqueeze(0)


def predict(model, raw):
    model.eval()
    with torch.no_grad():
        logits = model(preprocess(raw))
    return int(logits.argmax(1))


model = DigitClassifier()
upload = rng.integers(0, 256, size=(28, 28), dtype=np.uint8)
print("predicted digit:", predict(model, upload))
