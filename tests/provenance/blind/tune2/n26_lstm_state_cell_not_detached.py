# The trainer detaches the LSTM's h but stores the cell state c with its graph, so the next chunk backpropagates into the previous (freed) one
# expect: self.state
# also-accept: c
# category: autograd/backward-twice
# made-at: 33
import torch
import torch.nn as nn


class WordLM(nn.Module):
    def __init__(self, vocab=200, emb=32, hidden=64):
        super().__init__()
        self.embed = nn.Embedding(vocab, emb)
        self.lstm = nn.LSTM(emb, hidden, batch_first=True)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, tokens, state=None):
        out, state = self.lstm(self.embed(tokens), state)
        return self.decoder(out), state


class TBPTTTrainer:
    """Truncated backprop through time over one long token stream."""

    def __init__(self, model, bptt=20, lr=1e-3, clip=0.25):
        self.model, self.bptt, self.clip = model, bptt, clip
        self.opt = torch.optim.Adam(model.parameters(), lr=lr)
        self.criterion = nn.CrossEntropyLoss()
        self.state = None

    def step(self, inputs, targets):
        logits, (h, c) = self.model(inputs, self.state)
        self.state = (h.detach(), c)
        loss = self.criterion(logits.flatten(0, 1), targets.flatten())
        self.opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(self.model.parameters(), self.clip)
        self.opt.step()
        return loss.item()

    def epoch(self, stream):
        self.state = None
        losses = []
        for i in range(0, stream.size(1) - 1 - self.bptt, self.bptt):
            losses.append(self.step(stream[:, i : i + self.bptt], stream[:, i + 1 : i + 1 + self.bptt]))
        return sum(losses) / len(losses)


torch.manual_seed(0)
stream = torch.randint(0, 200, (8, 201))
trainer = TBPTTTrainer(WordLM())
for ep in range(2):
    print(f"epoch {ep}: ppl {torch.tensor(trainer.epoch(stream)).exp().item():.1f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
