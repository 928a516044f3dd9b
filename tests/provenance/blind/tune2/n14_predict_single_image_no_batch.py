# predict() feeds one (3, 32, 32) image without unsqueeze(0): the convs accept it unbatched, then flatten(1) folds channels into the batch and the classifier gets the wrong width
# expect: image
# also-accept:
# category: shape/missing-batch-dim
# made-at: 49
import torch
import torch.nn as nn

CLASSES = ["plane", "car", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
MEAN = torch.tensor([0.49, 0.48, 0.45]).view(3, 1, 1)
STD = torch.tensor([0.25, 0.24, 0.26]).view(3, 1, 1)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, len(CLASSES))

    def forward(self, x):
        x = self.pool(torch.relu(self.conv1(x)))
        x = self.pool(torch.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return self.fc3(x)


def load_image(seed):
    # stand-in for PIL.Image.open(path) + ToTensor(): uint8 HWC -> float CHW in [0, 1]
    g = torch.Generator().manual_seed(seed)
    pixels = torch.randint(0, 256, (32, 32, 3), generator=g, dtype=torch.uint8)
    return pixels.permute(2, 0, 1).float() / 255.0


def predict(model, image):
    model.eval()
    with torch.no_grad():
        logits = model(image)
    probs = logits.softmax(-1)
    return CLASSES[probs.argmax().item()], probs.max().item()


net = LeNet()
image = (load_image(seed=7) - MEAN) / STD
label, confidence = predict(net, image)
print(f"{label} ({confidence:.1%})")

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (16x25 and 400x120)
