# the LSTM hidden state is carried from one batch to the next without .detach(), so the second backward runs into the freed graph of the first
# expect: hidden
# also-accept: model(xb, hidden)
# category: autograd/graph-reuse
# made-at: 44
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)

text = "to be or not to be that is the question whether tis nobler in the mind to suffer " * 20
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
vocab_size = len(chars)
print(len(data), "chars,", vocab_size, "symbols")

# %%
class CharLSTM(nn.Module):
    def __init__(self, vocab, emb=16, hidden=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, hidden=None):
        h, hidden = self.lstm(self.emb(x), hidden)
        return self.out(h), hidden


model = CharLSTM(vocab_size)
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()

# %%
# truncated BPTT: walk through the text in consecutive chunks, keeping the state
BATCH, CHUNK = 4, 25
stream = data[: (len(data) // BATCH) * BATCH].view(BATCH, -1)
hidden = None
for i in range(0, stream.size(1) - CHUNK - 1, CHUNK):
    xb = stream[:, i:i + CHUNK]
    yb = stream[:, i + 1:i + CHUNK + 1]
    output, hidden = model(xb, hidden)
    loss = loss_fn(output.reshape(-1, vocab_size), yb.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
    if i % (CHUNK * 10) == 0:
        print(i, loss.item())
