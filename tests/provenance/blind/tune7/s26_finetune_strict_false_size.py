# The pretrained checkpoint (10-class head) is loaded into a model built with a new 3-class head; strict=False only tolerates missing/unexpected keys, not shape mismatches, so the head weights must be dropped from the state dict first
# expect: model.load_state_dict(state_dict, strict=False)
# also-accept: ckpt["state_dict"]
# category: checkpoint/new-head
# made-at: 44
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class AudioCNN(nn.Module):
    """Small CNN over log-mel spectrograms (1 x 64 mels x 100 frames)."""

    def __init__(self, num_classes):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        )
        self.classifier = nn.Linear(64, num_classes)

    def forward(self, x):
        return self.classifier(self.features(x).flatten(1))


def build_model(num_classes):
    return AudioCNN(num_classes)


def save_checkpoint(model, optimizer, epoch, path):
    torch.save({"state_dict": model.state_dict(), "optimizer": optimizer.state_dict(), "epoch": epoch}, path)


def load_checkpoint(model, path):
    ckpt = torch.load(path, map_location="cpu")
    state_dict = ckpt["state_dict"]
    # new task has a different head -> don't be strict about it
    missing, unexpected = model.load_state_dict(state_dict, strict=False)
    print("missing:", missing, "unexpected:", unexpected)
    return model


def train_steps(model, n_classes, steps, lr=1e-3):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for step in range(steps):
        x = torch.randn(16, 1, 64, 100)
        y = torch.randint(0, n_classes, (16,))
        loss = F.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return opt, loss.item()


workdir = tempfile.mkdtemp()
pretrain_path = os.path.join(workdir, "audio_pretrain_10cls.pt")

# ---- stage 1: "pretraining" on a 10-class sound-event task ----
pretrained = build_model(num_classes=10)
opt, loss = train_steps(pretrained, 10, steps=5)
save_checkpoint(pretrained, opt, epoch=5, path=pretrain_path)
print(f"pretrained, last loss {loss:.3f}")

# ---- stage 2: fine-tune on a 3-class keyword task ----
model = build_model(num_classes=3)
model = load_checkpoint(model, pretrain_path)
opt, loss = train_steps(model, 3, steps=5, lr=1e-4)
print(f"fine-tuned, last loss {loss:.3f}")
