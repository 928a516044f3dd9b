# The config's hidden_size is edited after the encoder was built, so the separately built classification head expects 256 features while the encoder yields 128
# expect: config.hidden_size
# also-accept: self.dense, model.head.dense
# category: shape/matmul-mismatch
# made-at: 58
from dataclasses import dataclass

import torch
import torch.nn as nn


@dataclass
class EncoderConfig:
    vocab_size: int = 500
    hidden_size: int = 128
    num_layers: int = 2
    num_heads: int = 4
    num_labels: int = 3
    dropout: float = 0.1


class Encoder(nn.Module):
    def __init__(self, config: EncoderConfig):
        super().__init__()
        self.embed = nn.Embedding(config.vocab_size, config.hidden_size)
        layer = nn.TransformerEncoderLayer(
            config.hidden_size, config.num_heads, 2 * config.hidden_size, config.dropout, batch_first=True
        )
        self.layers = nn.TransformerEncoder(layer, config.num_layers)

    def forward(self, input_ids):
        return self.layers(self.embed(input_ids))


class ClassificationHead(nn.Module):
    def __init__(self, config: EncoderConfig):
        super().__init__()
        self.dense = nn.Linear(config.hidden_size, config.hidden_size)
        self.out_proj = nn.Linear(config.hidden_size, config.num_labels)

    def forward(self, hidden_states):
        cls = hidden_states[:, 0]
        return self.out_proj(torch.tanh(self.dense(cls)))


class SequenceClassifier(nn.Module):
    def __init__(self, encoder, head):
        super().__init__()
        self.encoder, self.head = encoder, head

    def forward(self, input_ids):
        return self.head(self.encoder(input_ids))


config = EncoderConfig()
encoder = Encoder(config)
# wider head for the fine-tuning run
config.hidden_size = 256
model = SequenceClassifier(encoder, ClassificationHead(config))

torch.manual_seed(0)
input_ids = torch.randint(0, config.vocab_size, (4, 12))
labels = torch.randint(0, config.num_labels, (4,))
logits = model(input_ids)
loss = nn.functional.cross_entropy(logits, labels)
loss.backward()
print(loss.item())

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (4x128 and 256x256)
