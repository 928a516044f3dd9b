# Class labels read as 1..10 (one-based) while the model has 10 outputs indexed 0..9
# expect: labels
# also-accept: self.labels
# category: index/class-out-of-range
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class DigitsCSV(Dataset):
    """Rows: label,pixel0..pixel63, labels in the file are 1..10."""

    def __init__(self, n=50):
        rows = [[(i % 10) + 1] + torch.rand(64).tolist() for i in range(n)]
        self.labels = torch.tensor([r[0] for r in rows], dtype=torch.long)
        self.pixels = torch.tensor([r[1:] for r in rows])

    def __len__(self):
        return len(self.labels)

    def __getitem__(self, i):
        return self.pixels[i], self.labels[i]


model = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 10))
loader = DataLoader(DigitsCSV(), batch_size=25, shuffle=True)
opt = torch.optim.Adam(model.parameters())
for pixels, labels in loader:
    loss = nn.functional.cross_entropy(model(pixels), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

    print("loss", loss.item())

model.eval()
with torch.no_grad():
    pixels, labels = next(iter(loader))
    acc = (model(pixels).argmax(1) == labels).float().mean()
print(f"accuracy {acc.item():.3f}")

# raises: IndexError: Target 10 is out of bounds.
