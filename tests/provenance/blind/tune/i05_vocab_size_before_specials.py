# vocab_size taken before the <unk>/<pad> tokens were appended, so their ids equal num_embeddings
# expect: vocab_size
# category: index/embedding-out-of-range
# made-at: 17
import torch
import torch.nn as nn
from collections import Counter

torch.manual_seed(0)
corpus = [
    "the movie was great",
    "the plot was thin but the acting was great",
    "terrible pacing and a dull story",
]
counter = Counter(w for line in corpus for w in line.split())
vocab = {w: i for i, (w, _) in enumerate(counter.most_common())}
vocab_size = len(vocab)
vocab["<unk>"] = len(vocab)
vocab["<pad>"] = len(vocab)


def encode(text, max_len=8):
    ids = [vocab.get(w, vocab["<unk>"]) for w in text.split()][:max_len]
    return ids + [vocab["<pad>"]] * (max_len - len(ids))


class TextClassifier(nn.Module):
    def __init__(self, vocab_size, dim=16):
        super().__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, dim, mode="mean")
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids):
        return self.fc(self.embedding(ids))


model = TextClassifier(vocab_size)
batch = torch.tensor([encode("the movie was awful"), encode("great acting")])
print(model(batch))


optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
labels = torch.tensor([0, 1])
for epoch in range(5):
    loss = nn.functional.cross_entropy(model(batch), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


# raises: RuntimeError: Index 3 of input takes value 14 which is not in the valid range [0, 14)
