# A loop that takes the gradient of the task loss with torch.autograd.grad (for a norm it
# logs) and then calls backward on a total that includes the same loss: autograd.grad freed it.
# expect: task_loss
# expect-made-at: 23
# category: autograd/backward-twice
# roles: hidden
# message: Trying to backward through the graph a second time
import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(5, 10), nn.Sigmoid(), nn.Linear(10, 1))
opt = torch.optim.Adam(net.parameters(), lr=1e-3)
weight_decay = 1e-4
inputs, targets = torch.randn(16, 5), torch.randn(16, 1)

for _step in range(3):
    opt.zero_grad()
    prediction = net(inputs)
    task_loss = (prediction - targets).pow(2).mean()
    penalty = sum(p.pow(2).sum() for p in net.parameters())
    total = task_loss + weight_decay * penalty
    grads = torch.autograd.grad(task_loss, list(net.parameters()))
    print("grad norm", sum(g.norm() for g in grads).item())
    total.backward()
    opt.step()
