# The multi-hot target matrix is built as an integer tensor, but BCEWithLogitsLoss needs float targets
# expect: torch.zeros(len(tag_lists), n_tags, dtype=torch.long)
# also-accept: targets
# category: dtype/loss-target
# made-at: 16
import torch
import torch.nn as nn

TAGS = ["sports", "politics", "tech", "music", "food"]
docs = torch.randn(6, 20)
tag_lists = [["sports"], ["tech", "music"], ["politics"], ["food", "tech"], [], ["music"]]


def multi_hot(tag_lists, tags):
    n_tags = len(tags)
    targets = torch.zeros(len(tag_lists), n_tags, dtype=torch.long)
    for i, names in enumerate(tag_lists):
        for name in names:
            targets[i, tags.index(name)] = 1
    return targets


class Tagger(nn.Module):
    def __init__(self, d_in, n_tags):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(d_in, 32), nn.ReLU())
        self.head = nn.Linear(32, n_tags)

    def forward(self, x):
        return self.head(self.body(x))


targets = multi_hot(tag_lists, TAGS)
model = Tagger(20, len(TAGS))
loss_fn = nn.BCEWithLogitsLoss()
opt = torch.optim.Adam(model.parameters())
for _ in range(3):
    loss = loss_fn(model(docs), targets)
    opt.zero_grad()
    loss.backward()
    opt.step()
