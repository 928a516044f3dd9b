# A recurrent hidden state carried into the next batch without .detach(): the second
# step's backward runs into the first step's freed graph. The culprit is the state.
# expect: hidden
# category: autograd/backward-twice
# roles: hidden
# message: Trying to backward through the graph a second time
import torch
from torch import nn

rnn = nn.GRU(input_size=4, hidden_size=8, batch_first=True)
head = nn.Linear(8, 1)
optimizer = torch.optim.SGD([*rnn.parameters(), *head.parameters()], lr=0.01)
hidden = torch.zeros(1, 2, 8)
for _step in range(3):
    inputs, targets = torch.randn(2, 5, 4), torch.randn(2, 5, 1)
    outputs, hidden = rnn(inputs, hidden)
    loss = nn.functional.mse_loss(head(outputs), targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
