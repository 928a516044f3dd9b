# The config pairs d_model = 300 (to match the 300-d pretrained word vectors) with n_heads = 8, and 300 is not divisible by 8, so building the attention layer fails
# expect: n_heads: int = 8
# also-accept: d_model: int = 300
# category: config/size
# made-at: 18
from dataclasses import dataclass, asdict

import torch
import torch.nn as nn

torch.manual_seed(0)


@dataclass
class ModelConfig:
    vocab_size: int = 5000
    d_model: int = 300          # same as the word2vec/GloVe vectors we initialise from
    n_heads: int = 8
    n_layers: int = 3
    d_ff: int = 1024
    dropout: float = 0.1
    max_len: int = 128
    num_classes: int = 4


class NewsClassifier(nn.Module):
    def __init__(self, cfg: ModelConfig, pretrained_vectors=None):
        super().__init__()
        self.embed = nn.Embedding(cfg.vocab_size, cfg.d_model)
        if pretrained_vectors is not None:
            self.embed.weight.data.copy_(pretrained_vectors)
        self.pos = nn.Parameter(torch.zeros(1, cfg.max_len, cfg.d_model))
        layer = nn.TransformerEncoderLayer(
            d_model=cfg.d_model, nhead=cfg.n_heads, dim_feedforward=cfg.d_ff,
            dropout=cfg.dropout, batch_first=True, norm_first=True,
        )
        self.encoder = nn.TransformerEncoder(layer, num_layers=cfg.n_layers)
        self.head = nn.Linear(cfg.d_model, cfg.num_classes)

    def forward(self, ids):
        x = self.embed(ids) + self.pos[:, : ids.size(1)]
        return self.head(self.encoder(x).mean(1))


def build_model(cfg: ModelConfig):
    vectors = torch.randn(cfg.vocab_size, cfg.d_model) * 0.1   # stand-in for GloVe 300d
    return NewsClassifier(cfg, pretrained_vectors=vectors)


def train(cfg: ModelConfig):
    print("config:", asdict(cfg))
    model = build_model(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    ids = torch.randint(0, cfg.vocab_size, (16, 64))
    y = torch.randint(0, cfg.num_classes, (16,))
    for step in range(5):
        loss = nn.functional.cross_entropy(model(ids), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        print(f"step {step}: {loss.item():.4f}")


if __name__ == "__main__":
    train(ModelConfig())
