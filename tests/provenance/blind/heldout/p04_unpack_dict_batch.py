# Batches are dicts, but the loop unpacks them as (x, y) tuples, which yields the key strings
# expect: x
# also-accept: batch
# category: unknown
# made-at: 27
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, Dataset

torch.manual_seed(0)


class Sensors(Dataset):
    def __init__(self):
        self.x = torch.randn(20, 6)
        self.y = torch.randn(20, 1)

    def __len__(self):
        return 20

    def __getitem__(self, i):
        return {"features": self.x[i], "target": self.y[i]}


model = nn.Linear(6, 1)
loader = DataLoader(Sensors(), batch_size=5)
for x, y in loader:
    pred = model(x)
    loss = nn.functional.mse_loss(pred, y)

    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

model.eval()
with torch.no_grad():
    test_batch = next(iter(loader))
    test_pred = model(test_batch["features"])
    test_mse = nn.functional.mse_loss(test_pred, test_batch["target"])
print("test mse", test_mse.item())
torch.save(model.state_dict(), "/tmp/blind_sensors.pt")

# raises: TypeError: linear(): argument 'input' (position 1) must be Tensor, not str
