# Illegal actions are masked by writing into `probs` in place after softmax, whose backward needs its output
# expect: probs
# category: autograd/inplace-modified
# made-at: 15
import torch
import torch.nn as nn

torch.manual_seed(0)
policy = nn.Linear(8, 6)
state = torch.randn(5, 8)
legal = torch.rand(5, 6) > 0.3
legal[:, 0] = True

probs = policy(state).softmax(dim=-1)
probs[~legal] = 0.0
probs = probs / probs.sum(-1, keepdim=True)
actions = torch.multinomial(probs, 1).squeeze(1)
loss = -probs.gather(1, actions[:, None]).log().mean()
loss.backward()

# raises: RuntimeError: one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [5, 6]], which is output 0 of Softmax, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its grad...
