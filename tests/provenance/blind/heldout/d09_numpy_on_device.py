# Predictions still on the accelerator (meta stands in for it) are converted with .numpy() for the metrics
# expect: preds
# category: device/numpy-on-accelerator
# made-at: 18
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
device = torch.device("meta")
model = nn.Linear(6, 3).to(device)
x = torch.randn(10, 6, device=device)
y_true = np.random.default_rng(0).integers(0, 3, size=10)

model.eval()
with torch.no_grad():
    logits = model(x)
    preds = logits.argmax(dim=1)
accuracy = (preds.numpy() == y_true).mean()
print(accuracy)

# raises: TypeError: can't convert meta device type tensor to numpy. Use Tensor.cpu() to copy the tensor to host memory first.
