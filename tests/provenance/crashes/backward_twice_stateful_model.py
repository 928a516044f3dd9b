# A language model keeps its recurrent state on itself between batches and never detaches
# it: the second batch's backward runs into the first batch's freed graph.
# expect: model.state
# category: autograd/backward-twice
# roles: hidden
# message: Trying to backward through the graph a second time
import torch
from torch import nn


class StatefulLM(nn.Module):
    def __init__(self, vocab=20, width=16):
        super().__init__()
        self.embed = nn.Embedding(vocab, width)
        self.cell = nn.GRU(width, width, batch_first=True)
        self.out = nn.Linear(width, vocab)
        self.state = None

    def forward(self, tokens):
        outputs, self.state = self.cell(self.embed(tokens), self.state)
        return self.out(outputs)


class Trainer:
    def __init__(self, model):
        self.model = model
        self.optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step(self, tokens, targets):
        logits = self.model(tokens)
        loss = nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
        self.optimizer.zero_grad()
        loss.backward()
        self.optimizer.step()


model = StatefulLM()
trainer = Trainer(model)
for _ in range(2):
    batch = torch.randint(0, 20, (4, 9))
    trainer.step(batch[:, :-1], batch[:, 1:])
