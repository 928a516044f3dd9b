# The reload rebuilds the model from the default config instead of the config stored in the checkpoint
# expect: ModelConfig()
# also-accept: cfg
# category: checkpoint/size-mismatch
# made-at: 41
import dataclasses
import os
import tempfile

import torch
import torch.nn as nn


@dataclasses.dataclass
class ModelConfig:
    vocab: int = 500
    d_model: int = 64
    n_classes: int = 3


class TextCNN(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.emb = nn.Embedding(cfg.vocab, cfg.d_model)
        self.conv = nn.Conv1d(cfg.d_model, cfg.d_model, 3, padding=1)
        self.fc = nn.Linear(cfg.d_model, cfg.n_classes)

    def forward(self, ids):
        h = self.conv(self.emb(ids).transpose(1, 2)).amax(-1)
        return self.fc(h)


def train_and_save(path):
    cfg = ModelConfig(d_model=128, n_classes=5)
    model = TextCNN(cfg)
    torch.save({"config": dataclasses.asdict(cfg), "state_dict": model.state_dict()}, path)


def load(path):
    ckpt = torch.load(path)
    cfg = ModelConfig()
    model = TextCNN(cfg)
    model.load_state_dict(ckpt["state_dict"])
    return model


path = os.path.join(tempfile.mkdtemp(), "textcnn.pt")
train_and_save(path)
model = load(path)
print(model(torch.randint(0, 500, (2, 20))).shape)
