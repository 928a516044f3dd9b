# the annotation file numbers classes 1..5 and __getitem__ uses them as is; with 5 outputs class 5 is out of range (should be label - 1)
# expect: labels
# also-accept: label
# category: index/class-out-of-range
# made-at: 32
import csv
import io

import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

NUM_CLASSES = 5
ANNOTATIONS = "file,label\n" + "\n".join(f"img_{i:03d}.png,{i % NUM_CLASSES + 1}" for i in range(40))


class AnnotatedImages(Dataset):
    def __init__(self, annotation_text, size=16):
        self.rows = list(csv.DictReader(io.StringIO(annotation_text)))
        self.size = size

    def __len__(self):
        return len(self.rows)

    def load(self, name):
        g = torch.Generator().manual_seed(int(name[4:7]))
        return torch.rand(3, self.size, self.size, generator=g)

    def __getitem__(self, i):
        row = self.rows[i]
        image = self.load(row["file"])
        label = int(row["label"])
        return image, label


model = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(2),
    nn.Flatten(),
    nn.Linear(32, NUM_CLASSES),
)
loader = DataLoader(AnnotatedImages(ANNOTATIONS), batch_size=8, shuffle=True)
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

for epoch in range(2):
    for images, labels in loader:
        loss = criterion(model(images), labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"epoch {epoch}: {loss.item():.3f}")
