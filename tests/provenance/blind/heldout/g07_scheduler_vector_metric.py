# ReduceLROnPlateau is stepped with the per-batch validation loss vector instead of its mean
# expect: val_losses
# category: value/multi-element-scalar
# made-at: 17
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Linear(4, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
sched = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", patience=2)
val_batches = [(torch.randn(10, 4), torch.randint(0, 2, (10,))) for _ in range(4)]

for epoch in range(2):
    model.eval()
    with torch.no_grad():
        val_losses = torch.stack([nn.functional.cross_entropy(model(x), y) for x, y in val_batches])
    sched.step(val_losses)

# raises: ValueError: only one element tensors can be converted to Python scalars
