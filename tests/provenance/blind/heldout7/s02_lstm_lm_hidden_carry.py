# The LSTM hidden state is carried from one BPTT chunk to the next without being detached, so the second backward runs into the first chunk's freed graph
# expect: model(inputs, hidden)
# category: autograd/graph-reuse
# made-at: 73
"""Word-level language model, truncated BPTT (in the style of the word_language_model example)."""
import math
import time

import torch
import torch.nn as nn

torch.manual_seed(1111)


class Corpus:
    """Synthetic token stream standing in for wikitext-2."""

    def __init__(self, n_tokens=20000, vocab_size=500):
        g = torch.Generator().manual_seed(0)
        # a weakly structured stream: next token depends on the previous one
        steps = torch.randint(0, 13, (n_tokens,), generator=g).tolist()
        toks = [0]
        for s in steps[1:]:
            toks.append((toks[-1] * 7 + s) % vocab_size)
        self.train = torch.tensor(toks[: int(0.9 * n_tokens)], dtype=torch.long)
        self.valid = torch.tensor(toks[int(0.9 * n_tokens):], dtype=torch.long)
        self.vocab_size = vocab_size


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    data = data.narrow(0, 0, nbatch * bsz)
    return data.view(bsz, -1).contiguous()          # (bsz, steps)


def get_batch(source, i, bptt):
    seq_len = min(bptt, source.size(1) - 1 - i)
    data = source[:, i:i + seq_len]
    target = source[:, i + 1:i + 1 + seq_len]
    return data, target


class RNNModel(nn.Module):
    def __init__(self, ntoken, ninp, nhid, nlayers, dropout=0.2):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, ninp)
        self.rnn = nn.LSTM(ninp, nhid, nlayers, dropout=dropout, batch_first=True)
        self.decoder = nn.Linear(nhid, ntoken)
        self.nlayers = nlayers
        self.nhid = nhid

    def forward(self, input, hidden):
        emb = self.drop(self.encoder(input))
        output, hidden = self.rnn(emb, hidden)
        output = self.drop(output)
        return self.decoder(output), hidden

    def init_hidden(self, bsz):
        weight = next(self.parameters())
        return (weight.new_zeros(self.nlayers, bsz, self.nhid),
                weight.new_zeros(self.nlayers, bsz, self.nhid))


def train_one_epoch(model, train_data, criterion, optimizer, epoch, bptt=35, batch_size=20, clip=0.25):
    model.train()
    total_loss = 0.0
    start_time = time.time()
    hidden = model.init_hidden(batch_size)
    for batch, i in enumerate(range(0, train_data.size(1) - 1, bptt)):
        inputs, targets = get_batch(train_data, i, bptt)
        optimizer.zero_grad()
        output, hidden = model(inputs, hidden)
        loss = criterion(output.reshape(-1, output.size(-1)), targets.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), clip)
        optimizer.step()

        total_loss += loss.item()
        if batch % 5 == 4:
            cur_loss = total_loss / 5
            elapsed = time.time() - start_time
            print(f"| epoch {epoch:3d} | batch {batch:4d} | ms/batch {elapsed * 1000 / 5:6.2f} "
                  f"| loss {cur_loss:5.2f} | ppl {math.exp(cur_loss):8.2f}")
            total_loss = 0.0
            start_time = time.time()


corpus = Corpus()
train_data = batchify(corpus.train, 20)
model = RNNModel(corpus.vocab_size, 64, 128, 2)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=20.0)

for epoch in range(1, 3):
    train_one_epoch(model, train_data, criterion, optimizer, epoch)
