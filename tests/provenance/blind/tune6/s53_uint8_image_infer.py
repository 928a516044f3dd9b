# the inference preprocessing turns the uint8 image into a tensor without converting it to float and scaling it
# expect: x = torch.from_numpy(img).permute(2, 0, 1)
# category: dtype/input
# made-at: 40
import numpy as np
import torch
import torch.nn as nn


class SmallCNN(nn.Module):
    def __init__(self, n_classes=5):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        )
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(32 * 16 * 16, n_classes))

    def forward(self, x):
        return self.classifier(self.features(x))


def fake_training(model, steps=10):
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(steps):
        x = torch.rand(8, 3, 64, 64)
        y = torch.randint(0, 5, (8,))
        loss = nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()


def read_image(seed):
    rng = np.random.default_rng(seed)
    return rng.integers(0, 256, size=(64, 64, 3), dtype=np.uint8)


def preprocess(img):
    x = torch.from_numpy(img).permute(2, 0, 1)
    return x.unsqueeze(0)


class Predictor:
    LABELS = ["cat", "dog", "bird", "fish", "horse"]

    def __init__(self, model):
        self.model = model.eval()

    @torch.inference_mode()
    def __call__(self, img):
        logits = self.model(preprocess(img))
        k = int(logits.argmax(1))
        return self.LABELS[k], float(logits.softmax(1)[0, k])


if __name__ == "__main__":
    torch.manual_seed(0)
    model = SmallCNN()
    fake_training(model)
    predictor = Predictor(model)
    for seed in range(3):
        print(predictor(read_image(seed)))
