# Token ids beyond the vocabulary of an Embedding.
# expect: tokens
# category: index/embedding-out-of-range
# roles: index
# message: index out of range in self
import torch
from torch import nn


class LM(nn.Module):
    def __init__(self, vocab: int):
        super().__init__()
        self.embed = nn.Embedding(vocab, 16)
        self.out = nn.Linear(16, vocab)

    def forward(self, ids):
        return self.out(self.embed(ids))


lm = LM(100)
tokens = torch.tensor([[5, 17, 150, 3]])
lm(tokens)
