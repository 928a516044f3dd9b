# Candidate answer ids index a score tensor with only 4 candidates; ids were taken from the global answer vocab
# expect: answer_ids
# category: index/out-of-bounds
# made-at: 9
import torch

torch.manual_seed(0)
scores = torch.randn(3, 4).softmax(-1)
answer_ids = torch.tensor([[1], [3], [7]])
chosen = scores.gather(1, answer_ids)
print(chosen)

# raises: RuntimeError: index 7 is out of bounds for dimension 1 with size 4
