# A frozen model with labels converted by .long(): the labels' conversion cuts nothing
# (nothing trainable went in); the frozen model is the culprit.
# expect: net
# category: autograd/no-grad-fn
# roles: loss
# message: element 0 of tensors does not require grad
import torch
from torch import nn

net = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).requires_grad_(False)
batch = {"x": torch.randn(5, 3), "y": torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0])}
labels = batch["y"].long()
scores = net(batch["x"])
loss = nn.functional.cross_entropy(scores, labels)
loss.backward()
