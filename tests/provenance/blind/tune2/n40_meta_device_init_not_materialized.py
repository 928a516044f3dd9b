# The model is built under torch.device("meta") for a fast init, then load_state_dict copies into the meta tensors (a no-op; assign=True was needed), so the predictions are data-less meta tensors
# expect: model
# also-accept: torch.device("meta"), model.load_state_dict
# category: backend/op-not-implemented
# made-at: 42
import io

import torch
import torch.nn as nn


class Config:
    vocab_size = 500
    hidden = 64
    layers = 2
    num_labels = 2


class Classifier(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.embed = nn.Embedding(cfg.vocab_size, cfg.hidden)
        self.mlp = nn.Sequential(*[nn.Sequential(nn.Linear(cfg.hidden, cfg.hidden), nn.GELU()) for _ in range(cfg.layers)])
        self.score = nn.Linear(cfg.hidden, cfg.num_labels)

    def forward(self, input_ids):
        return self.score(self.mlp(self.embed(input_ids).mean(1)))


def make_checkpoint(cfg):
    buf = io.BytesIO()
    torch.save(Classifier(cfg).state_dict(), buf)
    buf.seek(0)
    return buf


def load_pretrained(cfg, checkpoint):
    # skip the random init: build on the meta device and fill the weights from the checkpoint
    with torch.device("meta"):
        model = Classifier(cfg)
    state = torch.load(checkpoint, map_location="cpu")
    model.load_state_dict(state)
    return model.eval()


cfg = Config()
model = load_pretrained(cfg, make_checkpoint(cfg))
LABELS = ["negative", "positive"]
with torch.no_grad():
    predictions = model(torch.randint(0, cfg.vocab_size, (2, 7))).argmax(-1)
print([LABELS[i] for i in predictions.tolist()])

# raises: NotImplementedError: Cannot copy out of meta tensor; no data!
