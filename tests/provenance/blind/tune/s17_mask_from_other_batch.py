# Padding mask built once from the first batch's max length is reused for a later batch with a different padded length
# expect: mask
# category: shape/broadcast-mismatch
# made-at: 23
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence

torch.manual_seed(0)
PAD = 0


def make_batch(lengths):
    seqs = [torch.randint(1, 50, (n,)) for n in lengths]
    return pad_sequence(seqs, batch_first=True, padding_value=PAD)


batches = [make_batch([5, 7, 3, 7]), make_batch([9, 4, 6, 2])]
emb = nn.Embedding(50, 16, padding_idx=PAD)
scorer = nn.Linear(16, 1)

first_batch = batches[0]
mask = (first_batch != PAD).float()

for tokens in batches:
    scores = scorer(emb(tokens)).squeeze(-1)
    masked = scores * mask
    pooled = masked.sum(1) / mask.sum(1)
    print(pooled)


# downstream: rank sentences by their pooled score
all_scores = []
for tokens in batches:
    lengths = (tokens != PAD).sum(1)
    scores = scorer(emb(tokens)).squeeze(-1)
    all_scores.append(scores.sum(1) / lengths)
ranking = torch.cat(all_scores).argsort(descending=True)
print("best sentence index:", ranking[0].item())

# raises: RuntimeError: The size of tensor a (9) must match the size of tensor b (7) at non-singleton dimension 1
