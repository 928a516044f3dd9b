# The loss is converted to a Python float with .item() right where it is computed, then .backward() is called on the float
# expect: loss
# category: autograd/no-grad-fn
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
loader = DataLoader(TensorDataset(torch.randn(40, 8), torch.randint(0, 2, (40,))), batch_size=10)
model = nn.Linear(8, 2)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
losses = []
for inputs, labels in loader:
    optimizer.zero_grad()
    outputs = model(inputs)
    loss = criterion(outputs, labels).item()
    losses.append(loss)
    loss.backward()
    optimizer.step()

# raises: AttributeError: 'float' object has no attribute 'backward'
