# Class weights for the imbalanced loss are built on the CPU and never moved to the model's device
# expect: class_weights
# also-accept: criterion
# category: device/tensor-mismatch
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)
device = torch.device("meta")

labels_all = torch.tensor([0] * 90 + [1] * 8 + [2] * 2)
counts = torch.bincount(labels_all, minlength=3).float()
class_weights = 1.0 / counts
class_weights = class_weights / class_weights.sum()

model = nn.Linear(12, 3).to(device)
criterion = nn.CrossEntropyLoss(weight=class_weights)

x = torch.randn(16, 12, device=device)
y = torch.randint(0, 3, (16,), device=device)
loss = criterion(model(x), y)

# raises: RuntimeError: Tensor on device cpu is not on the expected device meta!
