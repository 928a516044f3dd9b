# A Dataset's __getitem__ makes samples of varying length inside a DataLoader worker; the
# main process only sees the re-raised collate error. The culprit is what __getitem__ makes
# with a varying size, at the line that made it (as the blind scripts v13, m08 name it).
# expect: frames
# expect-made-at: 21
# category: shape/collate-unequal
# roles: tensors
# message: stack expects each tensor to be equal size
import torch
from torch.utils.data import DataLoader, Dataset


class SpectrogramDataset(Dataset):
    def __init__(self, lengths):
        self.lengths = lengths

    def __len__(self):
        return len(self.lengths)

    def __getitem__(self, index):
        frames = torch.randn(self.lengths[index], 8)
        return frames, index % 2


if __name__ == "__main__":
    train_set = SpectrogramDataset([20, 20, 31, 20])
    loader = DataLoader(train_set, batch_size=4, num_workers=1)
    for _batch in loader:
        pass
