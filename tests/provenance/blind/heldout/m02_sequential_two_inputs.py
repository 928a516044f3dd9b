# A nn.Sequential encoder is called with (x, mask) although Sequential passes a single input through its layers
# expect: self.encoder
# category: module/forward-misuse
# made-at: 20
import torch
import torch.nn as nn

torch.manual_seed(0)


class MaskedPooling(nn.Module):
    def forward(self, x, mask):
        return (x * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)


class SentenceEncoder(nn.Module):
    def __init__(self, vocab=100, dim=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.encoder = nn.Sequential(nn.Linear(dim, dim), nn.GELU(), MaskedPooling())

    def forward(self, ids, mask):
        return self.encoder(self.embed(ids), mask)


enc = SentenceEncoder()
ids = torch.randint(1, 100, (3, 7))
mask = (ids > 10).float()
print(enc(ids, mask).shape)


def embed_corpus(encoder, batches):
    vectors = []
    with torch.no_grad():
        for ids in batches:
            vectors.append(encoder(ids, (ids > 10).float()))
    return torch.cat(vectors)


corpus = [torch.randint(1, 100, (4, 7)) for _ in range(3)]
vectors = embed_corpus(enc, corpus)
sims = nn.functional.cosine_similarity(vectors[:1], vectors)
print(sims.topk(3))

# raises: TypeError: Sequential.forward() takes 2 positional arguments but 3 were given
