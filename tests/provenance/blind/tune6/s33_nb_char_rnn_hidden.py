# the sampling cell re-initialises the hidden state for the training batch of 32 instead of for its single prompt
# expect: h = model.init_hidden(BATCH)
# category: shape/rnn-hidden
# made-at: 53
# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
text = ("to be or not to be that is the question " * 40).strip()
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
itos = {i: c for c, i in stoi.items()}
data = torch.tensor([stoi[c] for c in text])
BATCH, SEQ = 32, 24

# %%
class CharGRU(nn.Module):
    def __init__(self, vocab, emb=16, hidden=64):
        super().__init__()
        self.hidden = hidden
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.GRU(emb, hidden, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def init_hidden(self, batch):
        return torch.zeros(1, batch, self.hidden)

    def forward(self, x, h):
        out, h = self.rnn(self.emb(x), h)
        return self.head(out), h


model = CharGRU(len(chars))
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
h = model.init_hidden(BATCH)

# %%
for step in range(8):
    starts = torch.randint(0, len(data) - SEQ - 1, (BATCH,))
    xb = torch.stack([data[s:s + SEQ] for s in starts])
    yb = torch.stack([data[s + 1:s + SEQ + 1] for s in starts])
    logits, h = model(xb, h.detach())
    loss = nn.functional.cross_entropy(logits.reshape(-1, len(chars)), yb.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
print("final loss", loss.item())

# %%
prompt = "to be "
x = torch.tensor([[stoi[c] for c in prompt]])
h = model.init_hidden(BATCH)
out = prompt
with torch.no_grad():
    for _ in range(40):
        logits, h = model(x, h)
        nxt = torch.multinomial(logits[0, -1].softmax(-1), 1)
        out += itos[int(nxt)]
        x = nxt.view(1, 1)
print(out)
