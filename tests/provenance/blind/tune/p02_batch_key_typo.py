# The training loop reads batch["image"] but the Dataset returns the key "img"
# expect: batch["image"]
# also-accept: __getitem__
# category: unknown
# made-at: 26
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class LeafDisease(Dataset):
    def __init__(self, n=16):
        self.imgs = torch.rand(n, 3, 32, 32)
        self.targets = torch.randint(0, 4, (n,))

    def __len__(self):
        return len(self.imgs)

    def __getitem__(self, i):
        return {"img": self.imgs[i], "target": self.targets[i]}


def train_step(model, batch, optimizer):
    images = batch["image"]
    targets = batch["target"]
    loss = nn.functional.cross_entropy(model(images), targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


if __name__ == "__main__":
    model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4))
    optimizer = torch.optim.Adam(model.parameters())
    loader = DataLoader(LeafDisease(), batch_size=4, shuffle=True, num_workers=2)
    for batch in loader:
        print(train_step(model, batch, optimizer))

# raises: KeyError: 'image'
