# Indices for hard-negative mining come from a float computation (torch.floor) and are used to index the batch
# expect: neg_idx
# category: dtype/index-not-integer
# made-at: 12
import torch

torch.manual_seed(0)
embeddings = torch.randn(16, 32)
anchors = embeddings[:8]
positives = embeddings[8:]
sims = anchors @ positives.t()
neg_idx = torch.floor(torch.rand(8) * 8)
negatives = positives[neg_idx]
print(negatives.shape)

# raises: IndexError: tensors used as indices must be long, int, byte or bool tensors
