# Predictions from the training forward pass (still requiring grad) are converted with .numpy() for an sklearn metric
# expect: probs
# category: autograd/numpy-requires-grad
# made-at: 21
import torch
import torch.nn as nn
from sklearn.metrics import roc_auc_score

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 1))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
x = torch.randn(200, 10)
y = (x[:, 0] > 0).float()

for epoch in range(3):
    logits = model(x).squeeze(1)
    loss = nn.functional.binary_cross_entropy_with_logits(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    probs = torch.sigmoid(logits)
    auc = roc_auc_score(y.numpy(), probs.numpy())
    print(f"epoch {epoch} loss {loss.item():.3f} auc {auc:.3f}")

# raises: RuntimeError: Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.
