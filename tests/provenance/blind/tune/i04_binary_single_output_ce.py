# Binary task built with a single output unit but trained with CrossEntropyLoss, so target 1 is out of bounds
# expect: self.out
# category: index/class-out-of-range
# made-at: 15
import torch
import torch.nn as nn

torch.manual_seed(0)


class FraudDetector(nn.Module):
    def __init__(self, n_features=30):
        super().__init__()
        self.hidden = nn.Sequential(nn.Linear(n_features, 64), nn.ReLU(), nn.Dropout(0.3))
        self.out = nn.Linear(64, 1)

    def forward(self, x):
        return self.out(self.hidden(x))


transactions = torch.randn(256, 30)
is_fraud = (torch.rand(256) < 0.1).long()
model = FraudDetector()
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(5):
    optimizer.zero_grad()
    loss = criterion(model(transactions), is_fraud)
    loss.backward()
    optimizer.step()

    print(f"epoch {epoch} loss {loss.item():.4f}")

model.eval()
with torch.no_grad():
    scores = model(transactions).softmax(dim=1)[:, 1]
flagged = (scores > 0.5).nonzero().squeeze(1)
print(f"flagged {len(flagged)} of {len(transactions)} transactions")
precision = is_fraud[flagged].float().mean().item() if len(flagged) else 0.0
print(f"precision {precision:.3f}")

# raises: IndexError: Target 1 is out of bounds.
