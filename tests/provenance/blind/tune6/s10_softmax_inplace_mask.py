# The pointer network zeroes the padding columns of the softmax output in place, and softmax saved that output for its backward
# expect: probs[pad_mask] = 0.0
# category: autograd/in-place
# made-at: 13
import torch
import torch.nn as nn

PAD = 0


def masked_probs(scores, pad_mask):
    probs = scores.softmax(dim=-1)
    probs[pad_mask] = 0.0
    return probs / probs.sum(-1, keepdim=True)


class PointerScorer(nn.Module):
    def __init__(self, vocab=100, dim=48):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim, padding_idx=PAD)
        self.enc = nn.GRU(dim, dim, batch_first=True)
        self.query = nn.Linear(dim, dim)

    def forward(self, tokens):
        h, last = self.enc(self.emb(tokens))
        q = self.query(last[-1]).unsqueeze(1)
        scores = (q * h).sum(-1)
        return masked_probs(scores, tokens == PAD)


def make_batch(g, B=8, T=12):
    lengths = torch.randint(4, T + 1, (B,), generator=g)
    tokens = torch.randint(1, 100, (B, T), generator=g)
    for b, L in enumerate(lengths):
        tokens[b, L:] = PAD
    target = (lengths - 1) // 2
    return tokens, target


def train_one_epoch(model, opt, g, steps=5):
    for _ in range(steps):
        tokens, target = make_batch(g)
        probs = model(tokens)
        loss = nn.functional.nll_loss(torch.log(probs + 1e-9), target)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return loss.item()


torch.manual_seed(0)
g = torch.Generator().manual_seed(0)
model = PointerScorer()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
print(train_one_epoch(model, opt, g))
