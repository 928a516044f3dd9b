# freeze_encoder() keeps only parameters whose name starts with "classifier" trainable, but the head is called "score", so every parameter is frozen and the optimizer gets an empty list
# expect: name.startswith("classifier")
# category: autograd/frozen
# made-at: 80
"""Fine-tune only the classification head of a small encoder (HF-style code written by hand)."""
import json
import os
import tempfile

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)


class TinyEncoderConfig:
    model_type = "tiny-encoder"

    def __init__(self, vocab_size=1000, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                 intermediate_size=128, max_position_embeddings=64, num_labels=2, hidden_dropout_prob=0.1):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_hidden_layers = num_hidden_layers
        self.num_attention_heads = num_attention_heads
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.num_labels = num_labels
        self.hidden_dropout_prob = hidden_dropout_prob

    def to_dict(self):
        return dict(self.__dict__)

    def save_pretrained(self, save_dir):
        with open(os.path.join(save_dir, "config.json"), "w") as f:
            json.dump(self.to_dict(), f, indent=2)

    @classmethod
    def from_pretrained(cls, save_dir):
        with open(os.path.join(save_dir, "config.json")) as f:
            return cls(**json.load(f))


class TinyEncoderModel(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        layer = nn.TransformerEncoderLayer(config.hidden_size, config.num_attention_heads,
                                           config.intermediate_size, config.hidden_dropout_prob,
                                           batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, config.num_hidden_layers, enable_nested_tensor=False)

    def forward(self, input_ids):
        pos = torch.arange(input_ids.size(1), device=input_ids.device)
        h = self.embeddings(input_ids) + self.position_embeddings(pos)
        return self.encoder(h)


class TinyEncoderForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.num_labels = config.num_labels
        self.model = TinyEncoderModel(config)
        self.dropout = nn.Dropout(config.hidden_dropout_prob)
        self.score = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids, labels=None):
        hidden = self.model(input_ids)
        logits = self.score(self.dropout(hidden[:, 0]))
        loss = None
        if labels is not None:
            loss = nn.functional.cross_entropy(logits, labels)
        return {"loss": loss, "logits": logits}


def freeze_encoder(model):
    for name, param in model.named_parameters():
        if not name.startswith("classifier"):
            param.requires_grad = False


def count_trainable(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


# pretend we are loading a pretrained checkpoint
ckpt_dir = tempfile.mkdtemp()
TinyEncoderConfig(num_labels=2).save_pretrained(ckpt_dir)
config = TinyEncoderConfig.from_pretrained(ckpt_dir)
config.num_labels = 3
model = TinyEncoderForSequenceClassification(config)

freeze_encoder(model)
print(f"trainable params: {count_trainable(model)}")

input_ids = torch.randint(0, config.vocab_size, (256, 32))
labels = torch.randint(0, config.num_labels, (256,))
loader = DataLoader(TensorDataset(input_ids, labels), batch_size=16, shuffle=True)

optimizer = torch.optim.AdamW(filter(lambda p: p.requires_grad, model.parameters()), lr=5e-4, weight_decay=0.01)

model.train()
for epoch in range(2):
    for step, (ids, y) in enumerate(loader):
        out = model(ids, labels=y)
        out["loss"].backward()
        optimizer.step()
        optimizer.zero_grad()
    print(f"epoch {epoch} loss {out['loss'].item():.4f}")
