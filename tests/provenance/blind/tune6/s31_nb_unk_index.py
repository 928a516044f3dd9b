# the encoder maps unknown words to len(vocab), one past the last row of the embedding table
# expect: vocab.get(w, len(vocab))
# also-accept: BagClassifier(len(vocab))
# category: index/embedding
# made-at: 41
# %% [markdown]
# # Bag-of-embeddings sentiment classifier

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

POS = ["good", "great", "fine", "love", "nice", "happy"]
NEG = ["bad", "awful", "hate", "poor", "sad", "boring"]
FILL = ["the", "movie", "was", "really", "a", "plot", "and"]

g = torch.Generator().manual_seed(0)


def make_sentence(label):
    words = [FILL[i] for i in torch.randint(len(FILL), (6,), generator=g).tolist()]
    pool = POS if label == 1 else NEG
    words.insert(int(torch.randint(6, (1,), generator=g)), pool[int(torch.randint(len(pool), (1,), generator=g))])
    return " ".join(words)


train_labels = torch.randint(2, (256,), generator=g).tolist()
train_texts = [make_sentence(y) for y in train_labels]

# %%
vocab = {}
for text in train_texts:
    for w in text.split():
        vocab.setdefault(w, len(vocab))


def encode(text, max_len=8):
    ids = [vocab.get(w, len(vocab)) for w in text.split()][:max_len]
    return ids + [0] * (max_len - len(ids))


X_train = torch.tensor([encode(t) for t in train_texts])
y_train = torch.tensor(train_labels)
print("vocab size", len(vocab), X_train.shape)

# %%
class BagClassifier(nn.Module):
    def __init__(self, n_words, dim=32):
        super().__init__()
        self.emb = nn.Embedding(n_words, dim)
        self.out = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.out(self.emb(ids).mean(1))


model = BagClassifier(len(vocab))
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(5):
    for i in range(0, len(X_train), 32):
        loss = F.cross_entropy(model(X_train[i:i + 32]), y_train[i:i + 32])
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(epoch, round(loss.item(), 4))

# %%
reviews = ["the movie was really great", "a boring plot and terrible acting"]
model.eval()
with torch.no_grad():
    batch = torch.tensor([encode(r) for r in reviews])
    probs = model(batch).softmax(-1)
print(probs)
