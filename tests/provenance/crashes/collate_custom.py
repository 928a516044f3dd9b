# A Dataset of variable-length samples and a collate_fn that stacks them.
# expect: sequences
# category: shape/collate-unequal
# roles: tensors
# message: stack expects each tensor to be equal size
import torch
from torch.utils.data import DataLoader, Dataset


class Sentences(Dataset):
    def __init__(self):
        self.lengths = [5, 5, 7, 5]

    def __len__(self):
        return len(self.lengths)

    def __getitem__(self, index):
        return torch.randint(0, 50, (self.lengths[index],)), index % 2


def collate(samples):
    sequences = [tokens for tokens, _ in samples]
    labels = torch.tensor([label for _, label in samples])
    return torch.stack(sequences), labels


loader = DataLoader(Sentences(), batch_size=4, collate_fn=collate, num_workers=0)
for _tokens, _labels in loader:
    pass
