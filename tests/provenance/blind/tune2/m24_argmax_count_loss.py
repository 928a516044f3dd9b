# the predicted count comes from argmax(), an integer op with no gradient, so the L1 loss on it has no grad_fn
# expect: pred_count
# also-accept: logits.argmax(dim=1)
# category: autograd/no-grad-fn
# made-at: 44
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

MAX_COUNT = 9


class DotImages(Dataset):
    """Images with 0..MAX_COUNT bright dots; the target is how many."""

    def __init__(self, n=64, size=20, seed=0):
        self.g = torch.Generator().manual_seed(seed)
        self.size = size
        self.counts = torch.randint(0, MAX_COUNT + 1, (n,), generator=self.g)

    def __len__(self):
        return len(self.counts)

    def __getitem__(self, i):
        img = torch.zeros(1, self.size, self.size)
        pos = torch.randperm(self.size * self.size, generator=self.g)[: self.counts[i]]
        img.view(-1)[pos] = 1.0
        return img, self.counts[i].float()


class Counter(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(4), nn.Flatten())
        self.cls = nn.Linear(8 * 16, MAX_COUNT + 1)

    def forward(self, x):
        return self.cls(self.conv(x))


def train_step(model, batch, optimizer):
    images, counts = batch
    logits = model(images)
    pred_count = logits.argmax(dim=1).float()
    loss = nn.functional.l1_loss(pred_count, counts)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


model = Counter()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(2):
    for batch in DataLoader(DotImages(seed=epoch), batch_size=16, shuffle=True):
        print(train_step(model, batch, optimizer))
