# Notebook: the GRU hidden state returned by one batch is fed into the next without .detach(), so step 2 backpropagates into step 1's freed graph
# expect: hidden
# also-accept:
# category: autograd/backward-twice
# made-at: 47
# %% [markdown]
# Character-level language model on a toy corpus (cells run top to bottom).

# %%
import torch
import torch.nn as nn

torch.manual_seed(0)
text = "to be or not to be that is the question " * 40
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
print(len(chars), "symbols,", len(data), "characters")

# %%
class CharRNN(nn.Module):
    def __init__(self, vocab, emb=16, hidden=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.GRU(emb, hidden, batch_first=True)
        self.out = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        y, h = self.rnn(self.emb(x), h)
        return self.out(y), h


model = CharRNN(len(chars))
opt = torch.optim.Adam(model.parameters(), lr=3e-3)
loss_fn = nn.CrossEntropyLoss()

# %%
seq_len, batch = 25, 4
stream = data[: (len(data) // batch) * batch].view(batch, -1)
hidden = None

# %%
for epoch in range(1):
    for i in range(0, stream.size(1) - seq_len - 1, seq_len):
        x = stream[:, i : i + seq_len]
        y = stream[:, i + 1 : i + seq_len + 1]
        logits, hidden = model(x, hidden)
        loss = loss_fn(logits.reshape(-1, len(chars)), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
        if i % (seq_len * 10) == 0:
            print(f"step {i // seq_len}: loss {loss.item():.3f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
