# Notebook style: float labels straight into F.cross_entropy.
# expect: labels
# category: dtype/target-not-long
# roles: target
# message: but got (?P<found>\w+)
import torch
import torch.nn.functional as F

logits = torch.randn(32, 5)
labels = torch.randint(0, 5, (32,)).float()
loss = F.cross_entropy(logits, labels)
