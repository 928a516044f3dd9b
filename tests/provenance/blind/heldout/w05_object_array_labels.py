# Ragged bounding-box lists stored in a numpy object array end up in the batch, which default collate rejects
# expect: self.boxes
# category: data/bad-sample-type
# made-at: 16
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset

rng = np.random.default_rng(0)


class Detection(Dataset):
    def __init__(self, n=8):
        self.images = rng.random((n, 3, 32, 32), dtype=np.float32)
        box_lists = [rng.random((1 + i % 3, 4)).tolist() for i in range(n)]
        self.boxes = np.array(box_lists + [None], dtype=object)[:-1]

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return torch.from_numpy(self.images[i]), self.boxes[i:i + 1]


loader = DataLoader(Detection(), batch_size=4)
for images, boxes in loader:
    print(images.shape, len(boxes))

# raises: TypeError: default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found object
