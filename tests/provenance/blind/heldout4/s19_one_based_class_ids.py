# Class ids read from the annotation file start at 1 and are not shifted to start at 0
# expect: int(rec["class_id"])
# also-accept: labels
# category: index/target-out-of-bounds
# made-at: 22
import json

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

NUM_CLASSES = 5

annotations = json.dumps(
    [{"id": i, "class_id": (i * 7) % NUM_CLASSES + 1, "x": [((i * j) % 11) / 10 for j in range(6)]} for i in range(60)]
)


def load_annotations(text):
    records = json.loads(text)
    feats = torch.tensor([rec["x"] for rec in records])
    labels = torch.tensor([int(rec["class_id"]) for rec in records])
    return feats, labels


feats, labels = load_annotations(annotations)
loader = DataLoader(TensorDataset(feats, labels), batch_size=20)
model = nn.Sequential(nn.Linear(6, 16), nn.ReLU(), nn.Linear(16, NUM_CLASSES))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for x, y in loader:
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
