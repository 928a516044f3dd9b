# The config's min_tokens = 50 words is longer than every review, so the filter leaves an empty dataset for the shuffling DataLoader
# expect: CONFIG["min_tokens"]
# also-accept: train_set, self.samples
# category: data/empty-dataset
# made-at: 11
import random

import torch
from torch.utils.data import DataLoader, Dataset

CONFIG = {"min_tokens": 50, "max_tokens": 200, "batch_size": 4, "seed": 0}

REVIEWS = [
    ("Great phone, battery lasts two days.", 1),
    ("Screen cracked after a week, very disappointed with the build quality.", 0),
    ("Does what it says.", 1),
    ("Returned it: the speaker crackles at any volume and support never answered.", 0),
    ("Good value for the price, camera is fine in daylight.", 1),
    ("Stopped charging after the update.", 0),
]


class ReviewDataset(Dataset):
    def __init__(self, reviews, min_tokens, max_tokens):
        self.samples = []
        for text, label in reviews:
            tokens = text.lower().split()
            if min_tokens <= len(tokens) <= max_tokens:
                self.samples.append((tokens, label))
        self.vocab = {w: i + 1 for i, w in enumerate(sorted({w for t, _ in self.samples for w in t}))}

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, idx):
        tokens, label = self.samples[idx]
        return torch.tensor([self.vocab[w] for w in tokens]), label


def bag_of_words_collate(batch):
    counts = torch.zeros(len(batch), 64)
    for row, (ids, _) in enumerate(batch):
        counts[row].index_add_(0, ids % 64, torch.ones(len(ids)))
    return counts, torch.tensor([label for _, label in batch])


random.seed(CONFIG["seed"])
train_set = ReviewDataset(REVIEWS, CONFIG["min_tokens"], CONFIG["max_tokens"])
loader = DataLoader(train_set, batch_size=CONFIG["batch_size"], shuffle=True, collate_fn=bag_of_words_collate)
for epoch in range(2):
    for features, labels in loader:
        print(epoch, features.shape, labels)

# raises: ValueError: num_samples should be a positive integer value, but got num_samples=0
