# The loss class is assigned without parentheses, so criterion(outputs, labels) constructs a CrossEntropyLoss with tensors as its weight/size_average arguments
# expect: criterion
# category: module/forward-misuse
# made-at: 10
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(10, 4)
criterion = nn.CrossEntropyLoss
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)

inputs = torch.randn(6, 10)
labels = torch.randint(0, 4, (6,))
outputs = model(inputs)
loss = criterion(outputs, labels)
loss.backward()

# raises: RuntimeError: Boolean value of Tensor with more than one value is ambiguous
