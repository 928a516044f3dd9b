# the ragged token-id lists are packed into a numpy object array instead of being padded first
# expect: ids
# also-accept: token_lists
# category: data/numpy-object-array
# made-at: 20
import numpy as np
import torch
import torch.nn as nn

sentences = [
    "the cat sat on the mat",
    "dogs bark",
    "a quick brown fox jumps over the lazy dog",
    "hello world",
]
vocab = {w: i + 1 for i, w in enumerate(sorted({w for s in sentences for w in s.split()}))}
token_lists = [[vocab[w] for w in s.split()] for s in sentences]

# store as an array so it can be sliced like the rest of the pipeline
ids = np.array(token_lists, dtype=object)
labels = np.array([0, 1, 0, 1])

model = nn.Sequential(nn.EmbeddingBag(len(vocab) + 1, 16), nn.Linear(16, 2))
batch_ids = torch.as_tensor(ids[:2])
batch_labels = torch.as_tensor(labels[:2])
loss = nn.functional.cross_entropy(model(batch_ids), batch_labels)
loss.backward()
