# Inputs are moved to the training device but the labels are left on the CPU (meta device stands in for the accelerator)
# expect: labels
# category: device/tensor-mismatch
# made-at: 16
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
device = torch.device("meta")

model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 10)).to(device)
criterion = nn.CrossEntropyLoss()
loader = DataLoader(TensorDataset(torch.rand(32, 3, 8, 8), torch.randint(0, 10, (32,))), batch_size=8)

for images, labels in loader:
    images = images.to(device)
    outputs = model(images)
    loss = criterion(outputs, labels)
    loss.backward()

# raises: RuntimeError: Tensor on device meta is not on the expected device cpu!
