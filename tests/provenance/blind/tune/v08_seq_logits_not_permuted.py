# Language-model logits (B,T,V) passed to CrossEntropyLoss with (B,T) targets, without moving the class dim to position 1
# expect: logits
# category: shape/target-shape
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)
VOCAB, DIM, SEQ = 100, 32, 12


class CharRNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(VOCAB, DIM)
        self.gru = nn.GRU(DIM, DIM, batch_first=True)
        self.head = nn.Linear(DIM, VOCAB)

    def forward(self, tokens):
        h, _ = self.gru(self.emb(tokens))
        logits = self.head(h)
        return logits


text = torch.randint(0, VOCAB, (4, SEQ + 1))
inputs, targets = text[:, :-1], text[:, 1:]
model = CharRNN()
loss = nn.CrossEntropyLoss()(model(inputs), targets)
loss.backward()


optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
for step in range(20):
    text = torch.randint(0, VOCAB, (4, SEQ + 1))
    inputs, targets = text[:, :-1], text[:, 1:]
    logits = model(inputs)
    loss = nn.CrossEntropyLoss()(logits, targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if step % 5 == 0:
        print(step, loss.item())

# raises: RuntimeError: Expected target size [4, 100], got [4, 12]
