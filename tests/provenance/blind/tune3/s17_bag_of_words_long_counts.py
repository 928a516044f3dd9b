# the bag-of-words count matrix is allocated as int64, and integer tensors cannot go through nn.Linear
# expect: bow
# category: dtype/int-input
# made-at: 29
# %%
import torch
import torch.nn as nn

# %%
docs = [
    "the movie was great and the acting was great",
    "terrible plot and terrible acting",
    "i loved the soundtrack",
    "boring boring boring",
    "a great film with a weak ending",
    "not worth the ticket",
]
labels = torch.tensor([1, 0, 1, 0, 1, 0])

# %%
vocab = {}
for d in docs:
    for w in d.split():
        vocab.setdefault(w, len(vocab))


# %%
def vectorize(texts, vocab):
    bow = torch.zeros(len(texts), len(vocab), dtype=torch.long)
    for i, t in enumerate(texts):
        for w in t.split():
            if w in vocab:
                bow[i, vocab[w]] += 1
    return bow


# %%
X = vectorize(docs, vocab)
print(X[:2])

# %%
clf = nn.Sequential(nn.Linear(len(vocab), 16), nn.ReLU(), nn.Linear(16, 2))
opt = torch.optim.SGD(clf.parameters(), lr=0.1)
for epoch in range(50):
    loss = nn.functional.cross_entropy(clf(X), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("train loss", loss.item())
