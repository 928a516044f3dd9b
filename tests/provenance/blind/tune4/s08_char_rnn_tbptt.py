# The hidden state is carried from one chunk to the next without being detached
# expect: hidden
# also-accept: model(inputs, hidden)
# category: autograd/backward-twice
# made-at: 44
import torch
import torch.nn as nn

torch.manual_seed(0)
text = "hello world, this is a tiny corpus for a character level language model. " * 20
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text])

SEQ = 25
BATCH = 4


class CharRNN(nn.Module):
    def __init__(self, vocab, hidden=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, 32)
        self.rnn = nn.GRU(32, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, h):
        y, h = self.rnn(self.emb(x), h)
        return self.out(y), h


def batches(data):
    n = (len(data) - 1) // (BATCH * SEQ) * BATCH * SEQ
    xs = data[:n].view(BATCH, -1)
    ys = data[1 : n + 1].view(BATCH, -1)
    for i in range(0, xs.size(1), SEQ):
        yield xs[:, i : i + SEQ], ys[:, i : i + SEQ]


model = CharRNN(len(chars))
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()
hidden = None
for inputs, targets in batches(data):
    logits, hidden = model(inputs, hidden)
    loss = loss_fn(logits.reshape(-1, len(chars)), targets.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
