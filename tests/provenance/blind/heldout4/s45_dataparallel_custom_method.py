# After wrapping in DataParallel, the model's own generate() method is called on the wrapper instead of model.module
# expect: model.generate
# also-accept: model = nn.DataParallel(model)
# category: wrapper/dataparallel
# made-at: 42
import torch
import torch.nn as nn


class TinyDecoder(nn.Module):
    def __init__(self, vocab=30, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, vocab)

    def forward(self, ids):
        h, _ = self.gru(self.emb(ids))
        return self.out(h)

    @torch.no_grad()
    def generate(self, prompt, steps=5):
        ids = prompt
        for _ in range(steps):
            nxt = self(ids)[:, -1].argmax(-1, keepdim=True)
            ids = torch.cat([ids, nxt], dim=1)
        return ids


def train(model, steps=3):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(steps):
        ids = torch.randint(0, 30, (8, 12))
        logits = model(ids[:, :-1])
        loss = nn.functional.cross_entropy(logits.reshape(-1, 30), ids[:, 1:].reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()


def sample(model, prompt):
    return model.generate(prompt)


torch.manual_seed(0)
model = TinyDecoder()
model = nn.DataParallel(model)
train(model)
print(sample(model, torch.tensor([[1, 2, 3]])))
