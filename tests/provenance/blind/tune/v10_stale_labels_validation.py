# Validation loop unpacks only the inputs and reuses the training loop's last `labels` (a partial batch of 4)
# expect: labels
# category: shape/batch-size-mismatch
# made-at: 30
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
X = torch.randn(164, 10)
Y = torch.randint(0, 3, (164,))
train_loader = DataLoader(TensorDataset(X[:100], Y[:100]), batch_size=16)
val_loader = DataLoader(TensorDataset(X[100:], Y[100:]), batch_size=16)

model = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Linear(32, 3))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)

for epoch in range(2):
    model.train()
    for inputs, labels in train_loader:
        optimizer.zero_grad()
        loss = criterion(model(inputs), labels)
        loss.backward()
        optimizer.step()

    model.eval()
    val_loss = 0.0
    with torch.no_grad():
        for inputs, _ in val_loader:
            outputs = model(inputs)
            val_loss += criterion(outputs, labels).item()
    print(f"epoch {epoch}: val loss {val_loss / len(val_loader):.4f}")


torch.save(model.state_dict(), "/tmp/blind_val_model.pt")

# raises: ValueError: Expected input batch_size (16) to match target batch_size (4).
