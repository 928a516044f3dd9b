# The encoder returns the whole (output, (h, c)) tuple of the LSTM instead of its output sequence
# expect: self.lstm(self.emb(ids))
# also-accept: encode
# category: python/tuple-not-tensor
# made-at: 20
import torch
import torch.nn as nn
import torch.nn.functional as F


class AttnPoolSentiment(nn.Module):
    def __init__(self, vocab=200, dim=32, hidden=48):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, hidden, batch_first=True, bidirectional=True)
        self.attn = nn.Linear(2 * hidden, 1)
        self.fc = nn.Linear(2 * hidden, 2)

    def encode(self, ids):
        return self.lstm(self.emb(ids))

    def forward(self, ids):
        h = self.encode(ids)
        weights = self.attn(h).softmax(dim=1)
        pooled = (weights * h).sum(1)
        return self.fc(pooled)


torch.manual_seed(0)
model = AttnPoolSentiment()
ids = torch.randint(0, 200, (4, 15))
loss = F.cross_entropy(model(ids), torch.tensor([0, 1, 1, 0]))
loss.backward()
