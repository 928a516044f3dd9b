# dice_loss averages only over the spatial dims, so it returns one value per class and loss.backward() gets a non-scalar
# expect: dice
# also-accept: dice_loss
# category: autograd/nonscalar-backward
# made-at: 31
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

N_CLASSES = 3


class BlobSegmentation(Dataset):
    def __init__(self, n=24, size=32):
        g = torch.Generator().manual_seed(0)
        self.images = torch.rand(n, 1, size, size, generator=g)
        self.masks = (self.images[:, 0] * N_CLASSES).long().clamp(max=N_CLASSES - 1)

    def __len__(self):
        return len(self.images)

    def __getitem__(self, i):
        return self.images[i], self.masks[i]


def dice_loss(logits, masks, eps=1e-6):
    probs = logits.softmax(dim=1)
    onehot = nn.functional.one_hot(masks, N_CLASSES).permute(0, 3, 1, 2).float()
    inter = (probs * onehot).sum(dim=(0, 2, 3))
    union = probs.sum(dim=(0, 2, 3)) + onehot.sum(dim=(0, 2, 3))
    dice = 1 - (2 * inter + eps) / (union + eps)
    return dice


class TinySegNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 16, 3, padding=1), nn.ReLU())
        self.out = nn.Conv2d(16, N_CLASSES, 1)

    def forward(self, x):
        return self.out(self.enc(x))


model = TinySegNet()
optim = torch.optim.Adam(model.parameters(), lr=1e-3)
loader = DataLoader(BlobSegmentation(), batch_size=4, shuffle=True)
for epoch in range(2):
    for images, masks in loader:
        loss = dice_loss(model(images), masks)
        optim.zero_grad()
        loss.backward()
        optim.step()
    print(epoch, loss)
