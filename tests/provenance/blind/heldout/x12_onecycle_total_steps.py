# OneCycleLR sized with steps_per_epoch from the dataset length instead of len(loader), so it is stepped past total_steps
# expect: steps_per_epoch
# category: optim/state-mismatch
# made-at: 15
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
EPOCHS = 2
dataset = TensorDataset(torch.randn(200, 4), torch.randn(200, 1))
loader = DataLoader(dataset, batch_size=32)
model = nn.Linear(4, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
steps_per_epoch = len(dataset) // 64
sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, epochs=EPOCHS, steps_per_epoch=steps_per_epoch)

for epoch in range(EPOCHS):
    for x, y in loader:
        loss = nn.functional.mse_loss(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()

# raises: ValueError: Tried to step 7 times. The specified number of total steps is 6
