# The tokenizer pads/truncates to MAX_LEN = 128 while the model's config only has max_position_embeddings = 64, so the position embedding lookup overflows
# expect: MAX_LEN
# also-accept: config.max_position_embeddings, position_ids
# category: hf/sequence-too-long
# made-at: 9
import torch
import torch.nn as nn

MAX_LEN = 128
torch.manual_seed(0)


class Config:
    def __init__(self, **kw):
        self.vocab_size = kw.get("vocab_size", 1000)
        self.hidden_size = kw.get("hidden_size", 64)
        self.max_position_embeddings = kw.get("max_position_embeddings", 64)
        self.num_labels = kw.get("num_labels", 2)
        self.pad_token_id = 0


class Embeddings(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=config.pad_token_id)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.norm = nn.LayerNorm(config.hidden_size)

    def forward(self, input_ids):
        position_ids = torch.arange(input_ids.size(1)).unsqueeze(0)
        return self.norm(self.word_embeddings(input_ids) + self.position_embeddings(position_ids))


class TinyBertForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = Embeddings(config)
        self.encoder = nn.GRU(config.hidden_size, config.hidden_size, batch_first=True)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids, labels=None):
        h, _ = self.encoder(self.embeddings(input_ids))
        logits = self.classifier(h[:, 0])
        loss = nn.functional.cross_entropy(logits, labels) if labels is not None else None
        return {"loss": loss, "logits": logits}


def tokenize(texts, vocab_size, max_length=MAX_LEN):
    batch = torch.zeros(len(texts), max_length, dtype=torch.long)
    for i, text in enumerate(texts):
        ids = [hash(w) % (vocab_size - 1) + 1 for w in text.split()][:max_length]
        batch[i, : len(ids)] = torch.tensor(ids)
    return batch


config = Config(vocab_size=1000)
model = TinyBertForSequenceClassification(config)
texts = ["the service was quick and friendly", "cold food and a long wait"] * 4
labels = torch.tensor([1, 0] * 4)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)
for epoch in range(2):
    out = model(tokenize(texts, config.vocab_size), labels=labels)
    out["loss"].backward()
    optimizer.step()
    optimizer.zero_grad()
    print(epoch, out["loss"].item())

# raises: IndexError: index out of range in self
