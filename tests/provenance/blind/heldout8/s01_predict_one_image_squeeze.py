# squeeze() in forward drops the batch dim when predict() is called on a single image, so argmax(dim=1) fails
# expect: x.squeeze()
# also-accept: x = x.squeeze()
# category: shape/squeeze
# made-at: 27
import torch
import torch.nn as nn

torch.manual_seed(0)

CLASSES = ["cat", "dog", "bird", "frog"]


class SmallNet(nn.Module):
    def __init__(self, num_classes=4):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
        )
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(32, num_classes)

    def forward(self, x):
        x = self.features(x)
        x = self.pool(x)
        x = x.squeeze()
        return self.fc(x)


def predict(model, image):
    """image: (3, H, W) float tensor in [0, 1]"""
    model.eval()
    with torch.no_grad():
        logits = model(image.unsqueeze(0))
        probs = logits.softmax(dim=1)
        idx = probs.argmax(dim=1).item()
    return CLASSES[idx], probs[0, idx].item()


model = SmallNet(num_classes=len(CLASSES))
# sanity check on a batch during development
batch = torch.rand(8, 3, 32, 32)
print("batch logits:", model(batch).shape)

img = torch.rand(3, 32, 32)
label, conf = predict(model, img)
print(f"prediction: {label} ({conf:.2%})")
