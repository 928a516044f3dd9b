# the generation buffer is created with torch.zeros (float32) and filled with token ids, so the embedding gets float indices; needs dtype=torch.long
# expect: generated
# also-accept: torch.zeros(1, max_new_tokens)
# category: dtype/index-not-integer
# made-at: 48
# %%
import torch
import torch.nn as nn

text = "hello world, hello torch. the quick brown fox jumps over the lazy dog. " * 8
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
itos = {i: c for c, i in stoi.items()}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)
len(chars), data.shape

# %%
class CharLM(nn.Module):
    def __init__(self, vocab, dim=32):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, vocab)

    def forward(self, idx):
        h, _ = self.rnn(self.emb(idx))
        return self.out(h)


model = CharLM(len(chars))
opt = torch.optim.Adam(model.parameters(), lr=3e-3)

# %%
block = 16
for step in range(30):
    ix = torch.randint(0, len(data) - block - 1, (8,))
    xb = torch.stack([data[i : i + block] for i in ix])
    yb = torch.stack([data[i + 1 : i + block + 1] for i in ix])
    logits = model(xb)
    loss = nn.functional.cross_entropy(logits.reshape(-1, len(chars)), yb.reshape(-1))
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss.item())

# %%
max_new_tokens = 20
generated = torch.zeros(1, max_new_tokens)
generated[0, 0] = stoi["h"]
model.eval()
with torch.no_grad():
    for i in range(1, max_new_tokens):
        logits = model(generated[:, :i])
        generated[0, i] = logits[0, -1].argmax()
print("".join(itos[int(t)] for t in generated[0]))
