# The (batch, time, vocab) logits are given to cross_entropy without flattening, so it reads the time axis as classes
# expect: F.cross_entropy(logits, targets)
# also-accept: logits
# category: shape/loss-target-size
# made-at: 29
import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB = 120
torch.manual_seed(0)


class TinyLM(nn.Module):
    def __init__(self, vocab=VOCAB, dim=48):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.lstm = nn.LSTM(dim, dim, batch_first=True)
        self.head = nn.Linear(dim, vocab)

    def forward(self, ids):
        h, _ = self.lstm(self.emb(ids))
        return self.head(h)


def lm_loss(model, batch):
    inputs, targets = batch[:, :-1], batch[:, 1:]
    logits = model(inputs)
    return F.cross_entropy(logits, targets)


corpus = torch.randint(0, VOCAB, (64, 21))
model = TinyLM()
opt = torch.optim.Adam(model.parameters(), lr=2e-3)
for i in range(0, 64, 16):
    loss = lm_loss(model, corpus[i : i + 16])
    opt.zero_grad()
    loss.backward()
    opt.step()
