# RNN hidden state carried from batch to batch without detaching (truncated BPTT missing)
# expect: hidden
# category: autograd/backward-twice
# made-at: 45
import torch
import torch.nn as nn

torch.manual_seed(0)


class WordLM(nn.Module):
    def __init__(self, ntoken=100, ninp=32, nhid=32):
        super().__init__()
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid)
        self.decoder = nn.Linear(nhid, ntoken)

    def forward(self, x, hidden):
        out, hidden = self.rnn(self.encoder(x), hidden)
        return self.decoder(out), hidden

    def init_hidden(self, bsz):
        return (torch.zeros(1, bsz, 32), torch.zeros(1, bsz, 32))


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    return data[: nbatch * bsz].view(bsz, -1).t().contiguous()


def get_batch(source, i, bptt=10):
    seq_len = min(bptt, len(source) - 1 - i)
    return source[i:i + seq_len], source[i + 1:i + 1 + seq_len].reshape(-1)


corpus = torch.randint(0, 100, (1000,))
train_data = batchify(corpus, 8)
model = WordLM()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1.0)
hidden = model.init_hidden(8)
for batch, i in enumerate(range(0, train_data.size(0) - 1, 10)):
    inputs, targets = get_batch(train_data, i)
    optimizer.zero_grad()
    output, hidden = model(inputs, hidden)
    loss = criterion(output.view(-1, 100), targets)
    loss.backward()
    optimizer.step()

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the grap...
