# The forward pass goes through a helper written for evaluation, decorated @torch.no_grad():
# its output, used for the training loss, has no graph.
# expect: logits
# expect-made-at: 22
# category: autograd/no-grad-fn
# roles: loss
# message: element 0 of tensors does not require grad
import torch
from torch import nn


@torch.no_grad()
def run_model(model, batch):
    return model(batch)


model = nn.Sequential(nn.Linear(5, 5), nn.Tanh(), nn.Linear(5, 3))
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
criterion = nn.CrossEntropyLoss()
for _ in range(2):
    batch, target = torch.randn(6, 5), torch.randint(0, 3, (6,))
    logits = run_model(model, batch)
    loss = criterion(logits, target)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
