# Notebook: the token ids come from a numpy array that became float64 when NaN padding was filled, so the embedding receives float indices
# expect: input_ids
# also-accept: padded
# category: dtype/index-not-integer
# made-at: 28
# %%
import numpy as np
import torch
import torch.nn as nn

rows = [
    [12, 7, 33, 4],
    [5, 9],
    [41, 2, 8],
    [17, 3, 3, 22, 6],
]
sentiment = np.array([1, 0, 0, 1])

# %% pad the ragged rows (like pandas would, NaN for the missing cells) then fill with the pad id
width = max(map(len, rows))
padded = np.full((len(rows), width), np.nan)
for i, r in enumerate(rows):
    padded[i, : len(r)] = r
padded = np.nan_to_num(padded, nan=0)
print(padded)

# %%
input_ids = torch.from_numpy(padded)
labels = torch.from_numpy(sentiment)


# %%
class AvgEmbeddingClassifier(nn.Module):
    def __init__(self, vocab=50, dim=16):
        super().__init__()
        self.embedding = nn.Embedding(vocab, dim, padding_idx=0)
        self.fc = nn.Linear(dim, 2)

    def forward(self, ids):
        mask = (ids != 0).unsqueeze(-1).float()
        summed = (self.embedding(ids) * mask).sum(1)
        return self.fc(summed / mask.sum(1).clamp(min=1))


clf = AvgEmbeddingClassifier()
opt = torch.optim.Adam(clf.parameters(), lr=1e-2)

# %%
for epoch in range(10):
    loss = nn.functional.cross_entropy(clf(input_ids), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
print("final loss", loss.item())

# raises: RuntimeError: Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got torch.DoubleTensor instead (while checking arguments for embedding)
