# The DataLoader already batches the images, and the loop adds another unsqueeze(0), giving a 5D conv input
# expect: inputs
# category: shape/missing-batch-dim
# made-at: 18
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
ds = TensorDataset(torch.rand(20, 3, 32, 32), torch.randint(0, 4, (20,)))
loader = DataLoader(ds, batch_size=5)
net = nn.Sequential(nn.Conv2d(3, 8, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 4))

net.eval()
preds = []
with torch.no_grad():
    for images, _ in loader:
        inputs = images.unsqueeze(0)
        preds.append(net(inputs).argmax(-1))
print(torch.cat(preds))

# raises: RuntimeError: Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [1, 5, 3, 32, 32]
