# The freezing loop runs over model.parameters() after the new head is attached, so the head is frozen too and the loss has no grad_fn
# expect: model.parameters()
# also-accept: for p in model.parameters():
# category: autograd/frozen
# made-at: 33
import torch
import torch.nn as nn


class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.fc = nn.Linear(32, 100)

    def forward(self, x):
        return self.fc(self.features(x).flatten(1))


def load_pretrained():
    torch.manual_seed(0)
    model = Backbone()
    # (pretend these weights came from a 100-class pretraining run)
    return model


def prepare_for_finetune(num_classes):
    model = load_pretrained()
    model.fc = nn.Linear(model.fc.in_features, num_classes)
    for p in model.parameters():
        p.requires_grad = False
    return model


def finetune(model, images, labels, epochs=2):
    opt = torch.optim.SGD(model.fc.parameters(), lr=0.01, momentum=0.9)
    crit = nn.CrossEntropyLoss()
    for epoch in range(epochs):
        for i in range(0, len(images), 16):
            out = model(images[i : i + 16])
            loss = crit(out, labels[i : i + 16])
            opt.zero_grad()
            loss.backward()
            opt.step()
        print(epoch, loss.item())


if __name__ == "__main__":
    images = torch.randn(64, 3, 32, 32)
    labels = torch.randint(0, 10, (64,))
    model = prepare_for_finetune(num_classes=10)
    finetune(model, images, labels)
