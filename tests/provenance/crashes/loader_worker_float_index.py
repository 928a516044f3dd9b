# A Dataset picks samples of a signal at float positions (floor() keeps the dtype) inside a
# DataLoader worker; the worker's line indexes with them. The culprit is the index the
# worker's function made, at the line that made it, not the signal it indexed.
# expect: positions
# expect-made-at: 23
# category: dtype/index-not-integer
# roles: index
# message: tensors used as indices must be long
import torch
from torch.utils.data import DataLoader, Dataset


class Resampled(Dataset):
    def __init__(self, signals, length, stride):
        self.signals = signals
        self.length = length
        self.stride = stride

    def __len__(self):
        return len(self.signals)

    def __getitem__(self, i):
        positions = (torch.arange(self.length) * self.stride).floor()
        return self.signals[i][positions]


if __name__ == "__main__":
    dataset = Resampled(torch.randn(6, 100), length=10, stride=2.5)
    loader = DataLoader(dataset, batch_size=3, num_workers=1)
    for _batch in loader:
        pass
