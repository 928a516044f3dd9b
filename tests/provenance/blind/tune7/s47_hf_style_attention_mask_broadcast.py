# the hand-written BERT-style self-attention applies the tokenizer's (batch, seq) attention_mask to (batch, heads, seq, seq) scores without reshaping it to (batch, 1, 1, seq)
# expect: scores.masked_fill(attention_mask == 0, float("-inf"))
# category: shape/mask
# made-at: 54
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)


class ToyTokenizer:
    """Whitespace tokenizer with a BERT-like __call__ returning input_ids/attention_mask."""

    def __init__(self, texts):
        words = sorted({w for t in texts for w in t.lower().split()})
        self.vocab = {"[PAD]": 0, "[CLS]": 1, "[SEP]": 2, "[UNK]": 3}
        for w in words:
            self.vocab[w] = len(self.vocab)
        self.pad_token_id = 0

    def __call__(self, texts, padding=True, return_tensors="pt"):
        ids = [[1] + [self.vocab.get(w, 3) for w in t.lower().split()] + [2] for t in texts]
        max_len = max(len(x) for x in ids)
        input_ids = [x + [0] * (max_len - len(x)) for x in ids]
        attention_mask = [[1] * len(x) + [0] * (max_len - len(x)) for x in ids]
        return {"input_ids": torch.tensor(input_ids), "attention_mask": torch.tensor(attention_mask)}


class BertConfig:
    def __init__(self, vocab_size, hidden_size=64, num_attention_heads=4, num_hidden_layers=2,
                 max_position_embeddings=128, num_labels=2):
        self.__dict__.update(locals())
        del self.__dict__["self"]


class BertSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.h = config.num_attention_heads
        self.d = config.hidden_size // self.h
        self.query = nn.Linear(config.hidden_size, config.hidden_size)
        self.key = nn.Linear(config.hidden_size, config.hidden_size)
        self.value = nn.Linear(config.hidden_size, config.hidden_size)

    def split(self, x):
        b, s, _ = x.shape
        return x.view(b, s, self.h, self.d).permute(0, 2, 1, 3)

    def forward(self, hidden_states, attention_mask):
        q, k, v = self.split(self.query(hidden_states)), self.split(self.key(hidden_states)), \
            self.split(self.value(hidden_states))
        scores = q @ k.transpose(-1, -2) / self.d ** 0.5
        scores = scores.masked_fill(attention_mask == 0, float("-inf"))
        ctx = F.softmax(scores, dim=-1) @ v
        b, _, s, _ = ctx.shape
        return ctx.permute(0, 2, 1, 3).reshape(b, s, -1)


class BertLayer(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.attention = BertSelfAttention(config)
        self.ln1 = nn.LayerNorm(config.hidden_size)
        self.ffn = nn.Sequential(nn.Linear(config.hidden_size, 4 * config.hidden_size), nn.GELU(),
                                 nn.Linear(4 * config.hidden_size, config.hidden_size))
        self.ln2 = nn.LayerNorm(config.hidden_size)

    def forward(self, x, attention_mask):
        x = self.ln1(x + self.attention(x, attention_mask))
        return self.ln2(x + self.ffn(x))


class BertForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.config = config
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.layers = nn.ModuleList([BertLayer(config) for _ in range(config.num_hidden_layers)])
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids, attention_mask=None, labels=None):
        if attention_mask is None:
            attention_mask = torch.ones_like(input_ids)
        pos = torch.arange(input_ids.size(1), device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.position_embeddings(pos)
        for layer in self.layers:
            x = layer(x, attention_mask)
        logits = self.classifier(x[:, 0])
        loss = F.cross_entropy(logits, labels) if labels is not None else None
        return {"loss": loss, "logits": logits}


texts = ["the movie was great", "terrible plot and bad acting", "i loved it",
         "not worth the ticket at all", "a fine film", "boring"]
labels = torch.tensor([1, 0, 1, 0, 1, 0])
tokenizer = ToyTokenizer(texts)
model = BertForSequenceClassification(BertConfig(vocab_size=len(tokenizer.vocab)))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)

for epoch in range(3):
    batch = tokenizer(texts, padding=True, return_tensors="pt")
    out = model(**batch, labels=labels)
    optimizer.zero_grad()
    out["loss"].backward()
    optimizer.step()
    print(epoch, out["loss"].item())
