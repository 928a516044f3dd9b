# Token ids padded with a float list comprehension become a float tensor, and nn.Embedding needs integer indices
# expect: input_ids
# category: dtype/index-not-integer
# made-at: 30
import torch
import torch.nn as nn

torch.manual_seed(0)

vocab = {"<pad>": 0, "the": 1, "cat": 2, "sat": 3, "on": 4, "mat": 5, "dog": 6}
sentences = [["the", "cat", "sat"], ["the", "dog", "sat", "on", "the", "mat"]]
max_len = max(len(s) for s in sentences)


def encode(tokens):
    ids = [vocab[t] for t in tokens]
    return ids + [0.0] * (max_len - len(ids))


class BagOfEmbeddings(nn.Module):
    def __init__(self, vocab_size, dim, n_classes):
        super().__init__()
        self.emb = nn.Embedding(vocab_size, dim, padding_idx=0)
        self.out = nn.Linear(dim, n_classes)

    def forward(self, ids):
        return self.out(self.emb(ids).mean(dim=1))


input_ids = torch.tensor([encode(s) for s in sentences])
model = BagOfEmbeddings(len(vocab), 8, 2)
print(model(input_ids))


optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
labels = torch.tensor([0, 1])
for epoch in range(10):
    loss = nn.functional.cross_entropy(model(input_ids), labels)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
print("final loss", loss.item())

# raises: RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.FloatTensor instead (while checking arguments for embedding)
