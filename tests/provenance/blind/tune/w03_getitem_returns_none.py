# __getitem__ returns None for corrupted samples, and the default collate cannot batch None
# expect: __getitem__
# also-accept: sample
# category: data/bad-sample-type
# made-at: 22
import torch
from torch.utils.data import DataLoader, Dataset


class AudioClips(Dataset):
    def __init__(self, n=24):
        g = torch.Generator().manual_seed(0)
        self.clips = [torch.randn(16000, generator=g) for _ in range(n)]
        self.corrupt = {5, 17}

    def __len__(self):
        return len(self.clips)

    def __getitem__(self, idx):
        if idx in self.corrupt:
            print(f"warning: skipping corrupt clip {idx}")
            return None
        sample = self.clips[idx]
        return sample[:8000], idx % 3


if __name__ == "__main__":
    loader = DataLoader(AudioClips(), batch_size=6, num_workers=2)
    for clips, labels in loader:
        print(clips.shape, labels)

# raises: TypeError: object of type 'NoneType' has no len()
