# the trainer keeps the LSTM state in self.hidden across batches without .detach(), so the second backward reaches the freed graph of the first batch
# expect: self.hidden
# also-accept: hidden
# category: autograd/backward-twice
# made-at: 43
import torch
import torch.nn as nn

CORPUS = "to be or not to be that is the question whether tis nobler in the mind to suffer " * 20


class WordLM(nn.Module):
    def __init__(self, vocab_size, emb=32, hidden=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.decoder = nn.Linear(hidden, vocab_size)

    def forward(self, tokens, state=None):
        out, state = self.lstm(self.embed(tokens), state)
        return self.decoder(out), state


class Trainer:
    def __init__(self, model, lr=1e-3, bptt=10, batch_size=4):
        self.model = model
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)
        self.bptt = bptt
        self.batch_size = batch_size
        self.hidden = None

    def batchify(self, ids):
        n = len(ids) // self.batch_size
        return ids[: n * self.batch_size].view(self.batch_size, n)

    def train_epoch(self, data):
        self.model.train()
        total = 0.0
        for i in range(0, data.size(1) - 1, self.bptt):
            seq_len = min(self.bptt, data.size(1) - 1 - i)
            inputs = data[:, i : i + seq_len]
            targets = data[:, i + 1 : i + 1 + seq_len]
            logits, self.hidden = self.model(inputs, self.hidden)
            loss = nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1))
            self.opt.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(self.model.parameters(), 0.5)
            self.opt.step()
            total += loss.item()
        return total


words = CORPUS.split()
vocab = {w: i for i, w in enumerate(sorted(set(words)))}
ids = torch.tensor([vocab[w] for w in words])
trainer = Trainer(WordLM(len(vocab)))
data = trainer.batchify(ids)
for epoch in range(2):
    print(epoch, trainer.train_epoch(data))
