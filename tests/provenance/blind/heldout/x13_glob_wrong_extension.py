# The file glob looks for *.png while the images were saved as *.jpg, so the dataset is empty and the shuffling sampler fails
# expect: PATTERN
# also-accept: self.files
# category: data/empty-dataset
# made-at: 16
import glob
import os
import tempfile

import torch
from torch.utils.data import DataLoader, Dataset

DATA_DIR = tempfile.mkdtemp(prefix="blind_imgs_")
for i in range(5):
    open(os.path.join(DATA_DIR, f"img_{i}.jpg"), "wb").close()
PATTERN = "*.png"


class ImageFiles(Dataset):
    def __init__(self, root):
        self.files = sorted(glob.glob(os.path.join(root, PATTERN)))

    def __len__(self):
        return len(self.files)

    def __getitem__(self, i):
        return torch.zeros(3, 8, 8), 0


train_ds = ImageFiles(DATA_DIR)
train_loader = DataLoader(train_ds, batch_size=4, shuffle=True)
for x, y in train_loader:
    print(x.shape)

# raises: ValueError: num_samples should be a positive integer value, but got num_samples=0
