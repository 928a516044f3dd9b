# the hand-written tokenizer pads into np.zeros(...) which defaults to float64, so input_ids reach nn.Embedding as Double
# expect: np.zeros((len(texts), max_len))
# also-accept: ids, input_ids
# category: dtype/index
# made-at: 21
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)


class SimpleTokenizer:
    def __init__(self, vocab):
        self.vocab = {w: i + 2 for i, w in enumerate(vocab)}
        self.pad_id, self.unk_id = 0, 1

    def __call__(self, texts, padding=True):
        encoded = [[self.vocab.get(w, self.unk_id) for w in t.lower().split()] for t in texts]
        max_len = max(len(e) for e in encoded)
        ids = np.zeros((len(texts), max_len))
        mask = np.zeros((len(texts), max_len), dtype=np.int64)
        for i, e in enumerate(encoded):
            ids[i, :len(e)] = e
            mask[i, :len(e)] = 1
        return {"input_ids": torch.from_numpy(ids), "attention_mask": torch.from_numpy(mask)}


class SentimentModel(nn.Module):
    def __init__(self, vocab_size, dim=32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.classifier = nn.Linear(dim, 2)

    def forward(self, input_ids, attention_mask):
        h = self.embed(input_ids)
        m = attention_mask.unsqueeze(-1).float()
        pooled = (h * m).sum(1) / m.sum(1).clamp(min=1)
        return self.classifier(pooled)


words = "the movie was great terrible boring fun plot acting really not".split()
tok = SimpleTokenizer(words)
model = SentimentModel(len(words) + 2).eval()


def predict(sentence):
    enc = tok([sentence])
    with torch.no_grad():
        logits = model(**enc)
    return ["negative", "positive"][logits.argmax(-1).item()]


print(predict("The movie was really great"))
