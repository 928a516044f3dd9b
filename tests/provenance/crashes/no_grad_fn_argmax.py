# The loss is computed on argmax predictions: an integer op, so no gradient reaches the
# model whatever .float() follows. The culprit is the predictions that cut the graph.
# expect: preds
# expect-made-at: 14
# category: autograd/no-grad-fn
# roles: loss
# message: element 0 of tensors does not require grad
import torch
from torch import nn

classifier = nn.Linear(10, 4)
features, targets = torch.randn(8, 10), torch.randint(0, 4, (8,))
logits = classifier(features)
preds = logits.argmax(dim=1).float()
loss = nn.functional.mse_loss(preds, targets.float())
loss.backward()
