# The whole model was frozen for fine-tuning and no head left trainable: the loss has no
# graph. The culprit is the frozen module, not the loss.
# expect: model
# category: autograd/no-grad-fn
# roles: loss
# message: element 0 of tensors does not require grad
import torch
from torch import nn

model = nn.Sequential(nn.Linear(6, 6), nn.ReLU(), nn.Linear(6, 2))
for parameter in model.parameters():
    parameter.requires_grad = False
inputs, labels = torch.randn(4, 6), torch.randint(0, 2, (4,))
logits = model(inputs)
loss = nn.functional.cross_entropy(logits, labels)
loss.backward()
