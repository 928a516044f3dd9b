# Meant to unfreeze the last layer after freezing everything, but `requires_grad_` is missing its call parentheses, so the optimizer gets no trainable parameters
# expect: model[2].weight.requires_grad_
# also-accept: trainable
# category: optim/state-mismatch
# made-at: 13
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(8, 8), nn.ReLU(), nn.Linear(8, 2))
for p in model.parameters():
    p.requires_grad = False
model[2].weight.requires_grad_
trainable = [p for p in model.parameters() if p.requires_grad]
optimizer = torch.optim.AdamW(trainable, lr=1e-4)

# raises: ValueError: optimizer got an empty parameter list
