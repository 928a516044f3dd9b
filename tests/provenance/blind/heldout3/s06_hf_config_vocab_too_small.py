# the model config's vocab_size is hard-coded to 1000 while the tokenizer built from the corpus has more ids
# expect: config.vocab_size
# also-accept: config, tokenizer
# category: index/embedding-vocab
# made-at: 54
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class BertConfig:
    vocab_size: int = 30522
    hidden_size: int = 64
    max_position_embeddings: int = 128
    num_labels: int = 3


class WordTokenizer:
    def __init__(self, corpus):
        words = sorted({w for line in corpus for w in line.split()})
        self.vocab = {"[PAD]": 0, "[CLS]": 1, **{w: i + 2 for i, w in enumerate(words)}}

    def __call__(self, text, max_len=16):
        ids = [1] + [self.vocab[w] for w in text.split()][: max_len - 1]
        return ids + [0] * (max_len - len(ids))


class BertEmbeddings(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.word_embeddings = nn.Embedding(config.vocab_size, config.hidden_size, padding_idx=0)
        self.position_embeddings = nn.Embedding(config.max_position_embeddings, config.hidden_size)
        self.LayerNorm = nn.LayerNorm(config.hidden_size)

    def forward(self, input_ids):
        pos = torch.arange(input_ids.size(1)).unsqueeze(0)
        return self.LayerNorm(self.word_embeddings(input_ids) + self.position_embeddings(pos))


class BertForSequenceClassification(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.embeddings = BertEmbeddings(config)
        self.classifier = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, input_ids):
        return self.classifier(self.embeddings(input_ids)[:, 0])


corpus = [" ".join(f"w{(i * 7 + j) % 1500}" for j in range(12)) for i in range(300)]
tokenizer = WordTokenizer(corpus)
config = BertConfig(vocab_size=1000, hidden_size=64)
model = BertForSequenceClassification(config)
batch = torch.tensor([tokenizer(line) for line in corpus[:8]])
logits = model(batch)
print(logits.shape)
