# the task list used to build the heads spells "sentiment" as "sentimnet", so the head lookup for the batch's task fails
# expect: TASKS
# also-accept: self.heads
# category: container/moduledict-key
# made-at: 11
import random

import torch
import torch.nn as nn

TASKS = {"topic": 6, "sentimnet": 3, "toxicity": 2}


class MultiTaskModel(nn.Module):
    def __init__(self, vocab=300, dim=32):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.shared = nn.Sequential(nn.Linear(dim, dim), nn.ReLU())
        self.heads = nn.ModuleDict({name: nn.Linear(dim, n) for name, n in TASKS.items()})

    def forward(self, ids, task):
        return self.heads[task](self.shared(self.emb(ids)))


def batches(n_batches=6):
    random.seed(0)
    label_counts = {"topic": 6, "sentiment": 3, "toxicity": 2}
    for _ in range(n_batches):
        task = random.choice(sorted(label_counts))
        yield task, torch.randint(0, 300, (8, 12)), torch.randint(0, label_counts[task], (8,))


model = MultiTaskModel()
opt = torch.optim.Adam(model.parameters())
for task, ids, y in batches():
    loss = nn.functional.cross_entropy(model(ids, task), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(task, loss.item())
