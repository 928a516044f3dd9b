# A detached output makes the loss graph-less; backward happens in a helper. The culprit
# is what cut the graph: the detached output, not the loss.
# expect: out
# expect-made-at: 19
# category: autograd/no-grad-fn
# roles: input
# message: does not require grad
import torch
from torch import nn


def optimise(loss, optimizer):
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()


model = nn.Linear(3, 2)
out = model(torch.randn(4, 3)).detach()
loss = nn.functional.mse_loss(out, torch.zeros(4, 2))
optimise(loss, torch.optim.SGD(model.parameters(), lr=0.1))
