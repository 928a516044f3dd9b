# Truncated BPTT: the LSTM state is carried from one chunk to the next without being detached, so the second backward reaches into the already-freed graph of the previous chunk.
# expect: hidden
# also-accept: output, hidden = model(x, hidden)
# category: autograd/hidden-state
# made-at: 46
import torch
import torch.nn as nn

torch.manual_seed(0)

# character-level LM on a synthetic corpus
text = ("the quick brown fox jumps over the lazy dog. " * 60)
chars = sorted(set(text))
stoi = {c: i for i, c in enumerate(chars)}
data = torch.tensor([stoi[c] for c in text], dtype=torch.long)

BATCH, BPTT = 8, 35
n_batches = data.size(0) // BATCH
data = data[: n_batches * BATCH].view(BATCH, -1)   # (B, T)


class CharLSTM(nn.Module):
    def __init__(self, vocab, emb=32, hid=128):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hid, num_layers=2, batch_first=True)
        self.out = nn.Linear(hid, vocab)

    def forward(self, x, hidden=None):
        out, hidden = self.lstm(self.emb(x), hidden)
        return self.out(out), hidden


model = CharLSTM(len(chars))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)

for epoch in range(2):
    hidden = None
    total = 0.0
    for i in range(0, data.size(1) - 1, BPTT):
        seq_len = min(BPTT, data.size(1) - 1 - i)
        x = data[:, i:i + seq_len]
        y = data[:, i + 1:i + 1 + seq_len]
        optimizer.zero_grad()
        output, hidden = model(x, hidden)
        loss = criterion(output.reshape(-1, len(chars)), y.reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        optimizer.step()
        total += loss.item()
    print(f"epoch {epoch} loss {total:.2f}")
