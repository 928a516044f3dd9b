# the nn.Sequential has no nn.Flatten() between the conv stack and the Linear, which is then applied to the last (width) axis
# expect: model
# category: shape/missing-flatten
# made-at: 8
import torch
import torch.nn as nn

model = nn.Sequential(
    nn.Conv2d(1, 8, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Conv2d(8, 16, kernel_size=3, padding=1),
    nn.ReLU(),
    nn.MaxPool2d(2),
    nn.Linear(16 * 7 * 7, 10),
)

digits = torch.randn(64, 1, 28, 28)
targets = torch.randint(0, 10, (64,))
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()

for epoch in range(2):
    for i in range(0, 64, 16):
        out = model(digits[i:i + 16])
        loss = loss_fn(out, targets[i:i + 16])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(epoch, loss.item())
