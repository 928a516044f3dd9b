# __len__ promises more samples than the features hold; the IndexError is raised inside
# a DataLoader worker. The culprit is the dataset, named with the __getitem__ line that
# failed in the worker.
# expect: train_set
# expect-made-at: 22
# category: index/out-of-bounds
# roles: index
# message: index (?P<index>\d+) is out of bounds for dimension (?P<dim>\d+) with size (?P<size>\d+)
import torch
from torch.utils.data import DataLoader, Dataset


class WindowDataset(Dataset):
    def __init__(self, features, window):
        self.features = features
        self.window = window

    def __len__(self):
        return len(self.features)  # should be len(self.features) - self.window + 1

    def __getitem__(self, index):
        return self.features[index + self.window - 1]


if __name__ == "__main__":
    train_set = WindowDataset(torch.randn(10, 3), window=4)
    loader = DataLoader(train_set, batch_size=5, num_workers=1)
    for _batch in loader:
        pass
