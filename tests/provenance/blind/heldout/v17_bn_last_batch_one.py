# 65 training samples with batch_size 32 leave a final batch of 1, which BatchNorm1d cannot normalise in train mode (no drop_last)
# expect: train_loader
# also-accept: BATCH_SIZE
# category: shape/batchnorm-single-sample
# made-at: 14
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
BATCH_SIZE = 32
features = torch.randn(65, 20)
targets = torch.randn(65, 1)
train_loader = DataLoader(TensorDataset(features, targets), batch_size=BATCH_SIZE, shuffle=True)

model = nn.Sequential(
    nn.Linear(20, 64),
    nn.BatchNorm1d(64),
    nn.ReLU(),
    nn.Linear(64, 1),
)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.MSELoss()

for epoch in range(3):
    total = 0.0
    for xb, yb in train_loader:
        pred = model(xb)
        loss = loss_fn(pred, yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item() * len(xb)
    print(f"epoch {epoch} mse {total / len(features):.4f}")


model.eval()
with torch.no_grad():
    test_x = torch.randn(10, 20)
    print("test predictions", model(test_x).squeeze(1))
torch.save(model.state_dict(), "/tmp/blind_bn_regressor.pt")


# raises: ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 64])
