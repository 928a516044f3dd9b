# The model was converted with .half() and then trained with a GradScaler, which refuses to unscale FP16 gradients
# expect: model
# category: dtype/autocast-mismatch
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)


class SmallNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(16, 32)
        self.fc2 = nn.Linear(32, 4)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


model = SmallNet().half()
optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
scaler = torch.amp.GradScaler("cpu")
criterion = nn.CrossEntropyLoss()

for step in range(3):
    x = torch.randn(8, 16).half()
    y = torch.randint(0, 4, (8,))
    optimizer.zero_grad()
    loss = criterion(model(x).float(), y)
    scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    scaler.step(optimizer)
    scaler.update()

    print(f"step {step} loss {loss.item():.4f} scale {scaler.get_scale():.0f}")

model.eval()
with torch.no_grad():
    print(model(torch.randn(2, 16).half()).argmax(1))


# raises: ValueError: Attempting to unscale FP16 gradients.
