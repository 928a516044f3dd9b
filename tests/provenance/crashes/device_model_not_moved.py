# The batches are moved to the device but the model never is ("meta" stands in for a GPU
# on a CPU machine). The culprit is the model the user forgot to move, not the input.
# expect: model
# category: device/tensor-mismatch
# roles: input, weight
# message: (?i)device
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = torch.device("meta")
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 2))
loader = DataLoader(TensorDataset(torch.randn(8, 4), torch.randint(0, 2, (8,))), batch_size=4)
for inputs, labels in loader:
    inputs, labels = inputs.to(device), labels.to(device)
    logits = model(inputs)
