# the length filter keeps only samples LONGER than max_len instead of those that fit, leaving an empty training set
# expect: train_samples
# category: data/empty-dataset
# made-at: 39
import random
from dataclasses import dataclass

import torch
from torch.utils.data import DataLoader, Dataset


@dataclass
class DataConfig:
    n_samples: int = 200
    max_len: int = 64
    batch_size: int = 16


def make_corpus(n):
    random.seed(1)
    return [{"ids": [random.randint(1, 999) for _ in range(random.randint(4, 60))], "label": i % 2} for i in range(n)]


class SeqDataset(Dataset):
    def __init__(self, samples, max_len):
        self.samples, self.max_len = samples, max_len

    def __len__(self):
        return len(self.samples)

    def __getitem__(self, i):
        ids = self.samples[i]["ids"]
        ids = ids + [0] * (self.max_len - len(ids))
        return torch.tensor(ids), self.samples[i]["label"]


cfg = DataConfig()
corpus = make_corpus(cfg.n_samples)
train_samples = [s for s in corpus if len(s["ids"]) > cfg.max_len]
train_ds = SeqDataset(train_samples, cfg.max_len)
train_loader = DataLoader(train_ds, batch_size=cfg.batch_size, shuffle=True)
for ids, labels in train_loader:
    print(ids.shape, labels.shape)
