# from_pretrained-style loading of a 3-label checkpoint into a model built with num_labels=5 for the new task: the classifier weights have the wrong size
# expect: model.classifier
# also-accept: self.classifier, classifier, config.num_labels
# category: checkpoint/size-mismatch
# made-at: 59
import json
import os
import tempfile

import torch
import torch.nn as nn


class TinyConfig:
    def __init__(self, vocab_size=300, hidden_size=48, num_labels=2):
        self.vocab_size, self.hidden_size, self.num_labels = vocab_size, hidden_size, num_labels

    def save(self, folder):
        with open(os.path.join(folder, "config.json"), "w") as f:
            json.dump(vars(self), f)

    @classmethod
    def load(cls, folder, **overrides):
        with open(os.path.join(folder, "config.json")) as f:
            return cls(**{**json.load(f), **overrides})


class TinyForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.embeddings = nn.EmbeddingBag(config.vocab_size, config.hidden_size)
        self.pre_classifier = nn.Linear(config.hidden_size, config.hidden_size)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids):
        return self.classifier(torch.relu(self.pre_classifier(self.embeddings(input_ids))))

    def save_pretrained(self, folder):
        os.makedirs(folder, exist_ok=True)
        self.config.save(folder)
        torch.save(self.state_dict(), os.path.join(folder, "pytorch_model.bin"))

    @classmethod
    def from_pretrained(cls, folder, **config_overrides):
        config = TinyConfig.load(folder, **config_overrides)
        model = cls(config)
        state = torch.load(os.path.join(folder, "pytorch_model.bin"), map_location="cpu")
        model.load_state_dict(state)
        return model


# stage 1: sentiment pre-training (negative / neutral / positive)
base = TinyForSequenceClassification(TinyConfig(num_labels=3))
ckpt_dir = os.path.join(tempfile.mkdtemp(prefix="n21_"), "sentiment-base")
base.save_pretrained(ckpt_dir)

# stage 2: fine-tune on the 5-star rating task
model = TinyForSequenceClassification.from_pretrained(ckpt_dir, num_labels=5)
ids = torch.randint(0, 300, (8, 20))
stars = torch.randint(0, 5, (8,))
print(nn.functional.cross_entropy(model(ids), stars))

# raises: RuntimeError: Error(s) in loading state_dict for TinyForSequenceClassification:
