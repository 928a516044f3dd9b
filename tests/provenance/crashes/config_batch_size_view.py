# A config's batch_size drives a reshape; the last batch is smaller, so the view fails
# there. The setting is the culprit: the batch has fewer samples than it says.
# expect: cfg.batch_size
# expect-made-at: 16
# category: shape/invalid-view
# roles: input
# message: shape '\[(?P<shape>[-\d, ]+)\]' is invalid for input of size (?P<size>\d+)
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class Config:
    features = 12
    hidden = 16
    batch_size = 32


cfg = Config()
encoder = nn.Linear(cfg.features, cfg.hidden)
loader = DataLoader(TensorDataset(torch.randn(100, 3, 4)), batch_size=cfg.batch_size)
for (batch,) in loader:
    flat = batch.view(cfg.batch_size, -1)
    encoded = encoder(flat)
