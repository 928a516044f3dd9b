# the LSTM hidden state is carried from batch to batch without detaching, so the second backward reaches into the freed graph of the first batch
# expect: hidden
# category: autograd/backward-twice-rnn-state
# made-at: 38
import torch
import torch.nn as nn


class WordLM(nn.Module):
    def __init__(self, vocab=100, emb=32, hid=64):
        super().__init__()
        self.encoder = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hid, batch_first=True)
        self.decoder = nn.Linear(hid, vocab)

    def forward(self, x, hidden):
        out, hidden = self.rnn(self.encoder(x), hidden)
        return self.decoder(out), hidden

    def init_hidden(self, bsz):
        return (torch.zeros(1, bsz, 64), torch.zeros(1, bsz, 64))


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    return data[: nbatch * bsz].view(bsz, -1)


corpus = torch.randint(0, 100, (2000,))
train_data = batchify(corpus, bsz=10)
bptt = 35
model = WordLM()
opt = torch.optim.SGD(model.parameters(), lr=1.0)
hidden = model.init_hidden(10)
for i in range(0, train_data.size(1) - 1, bptt):
    seq_len = min(bptt, train_data.size(1) - 1 - i)
    x, y = train_data[:, i:i + seq_len], train_data[:, i + 1:i + 1 + seq_len]
    output, hidden = model(x, hidden)
    loss = nn.functional.cross_entropy(output.reshape(-1, 100), y.reshape(-1))
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 0.25)
    opt.step()
    print(i, loss.item())
