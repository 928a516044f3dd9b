# A notebook-style constant DEVICE = "cuda" used to move each batch, on a CPU machine.
# expect: DEVICE
# expect-made-at: 11
# category: device/cuda-unavailable
# roles: input
# message: Torch not compiled with CUDA enabled|NVIDIA driver
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

DEVICE = "cuda"
model = nn.Linear(4, 2)
loader = DataLoader(TensorDataset(torch.randn(8, 4), torch.randint(0, 2, (8,))), batch_size=4)


def train_one_epoch():
    for features, labels in loader:
        features, labels = features.to(DEVICE), labels.to(DEVICE)
        model(features)


train_one_epoch()
