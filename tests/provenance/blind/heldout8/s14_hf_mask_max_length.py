# the tokenizer pads input_ids to the longest sentence but builds attention_mask with config.max_length, so the mask is the wrong length
# expect: attention_mask
# also-accept: self.max_length, torch.zeros(len(texts), self.max_length, dtype=torch.long)
# category: shape/mask
# made-at: 42
import json
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)


class EncoderConfig:
    def __init__(self, vocab_size=50, hidden_size=32, num_heads=4, max_length=16, num_labels=3):
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.num_heads = num_heads
        self.max_length = max_length
        self.num_labels = num_labels

    def save_pretrained(self, path):
        with open(os.path.join(path, "config.json"), "w") as f:
            json.dump(self.__dict__, f)

    @classmethod
    def from_pretrained(cls, path):
        with open(os.path.join(path, "config.json")) as f:
            return cls(**json.load(f))


class WordTokenizer:
    def __init__(self, config):
        self.max_length = config.max_length
        self.pad_id = 0

    def __call__(self, texts):
        ids = [[(sum(map(ord, w)) % 47) + 3 for w in t.split()][: self.max_length] for t in texts]
        longest = max(len(x) for x in ids)
        input_ids = torch.full((len(texts), longest), self.pad_id, dtype=torch.long)
        attention_mask = torch.zeros(len(texts), self.max_length, dtype=torch.long)
        for i, x in enumerate(ids):
            input_ids[i, : len(x)] = torch.tensor(x)
            attention_mask[i, : len(x)] = 1
        return {"input_ids": input_ids, "attention_mask": attention_mask}


class EncoderForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.embeddings = nn.Embedding(config.vocab_size, config.hidden_size)
        self.attn = nn.MultiheadAttention(config.hidden_size, config.num_heads, batch_first=True)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids, attention_mask):
        h = self.embeddings(input_ids)
        h, _ = self.attn(h, h, h, key_padding_mask=attention_mask == 0)
        return self.classifier(h[:, 0])

    @classmethod
    def from_pretrained(cls, path):
        config = EncoderConfig.from_pretrained(path)
        model = cls(config)
        model.load_state_dict(torch.load(os.path.join(path, "model.pt")))
        return model


ckpt_dir = tempfile.mkdtemp()
cfg = EncoderConfig()
cfg.save_pretrained(ckpt_dir)
torch.save(EncoderForSequenceClassification(cfg).state_dict(), os.path.join(ckpt_dir, "model.pt"))

model = EncoderForSequenceClassification.from_pretrained(ckpt_dir).eval()
tokenizer = WordTokenizer(model.config)
batch = tokenizer(["the service was quick and friendly", "never again", "it was fine I guess"])
with torch.no_grad():
    logits = model(**batch)
print(logits.softmax(-1))
