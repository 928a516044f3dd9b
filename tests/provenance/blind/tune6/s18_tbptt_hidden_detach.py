# Truncated BPTT carries the LSTM state into the next chunk without detaching it, so the second backward runs into the previous chunk's freed graph
# expect: hidden = new_hidden
# category: autograd/rnn-hidden
# made-at: 35
import torch
import torch.nn as nn


class WordLM(nn.Module):
    def __init__(self, vocab=200, emb=64, hid=128, layers=2):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hid, layers, batch_first=True)
        self.out = nn.Linear(hid, vocab)

    def forward(self, x, hidden=None):
        h, hidden = self.rnn(self.emb(x), hidden)
        return self.out(h), hidden


def batchify(stream, bsz):
    n = len(stream) // bsz
    return stream[: n * bsz].view(bsz, n)


def train_epoch(model, data, opt, bptt=20, clip=0.25):
    model.train()
    hidden = None
    total = 0.0
    for i in range(0, data.size(1) - 1, bptt):
        seq_len = min(bptt, data.size(1) - 1 - i)
        x = data[:, i:i + seq_len]
        y = data[:, i + 1:i + 1 + seq_len]
        logits, new_hidden = model(x, hidden)
        hidden = new_hidden
        loss = nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step()
        total += loss.item()
    return total


torch.manual_seed(0)
corpus = torch.randint(0, 200, (4000,))
train_data = batchify(corpus, bsz=10)
model = WordLM()
opt = torch.optim.SGD(model.parameters(), lr=1.0)
for epoch in range(2):
    print(epoch, train_epoch(model, train_data, opt))
