# Thresholding a whole batch of probabilities with a Python `if`, written for a single output
# expect: prob
# category: value/ambiguous-bool
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)
detector = nn.Sequential(nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 1))


def is_anomaly(sample_batch, threshold=0.5):
    with torch.no_grad():
        prob = torch.sigmoid(detector(sample_batch))
    if prob > threshold:
        return "anomaly"
    return "normal"


print(is_anomaly(torch.randn(1, 16)))
print(is_anomaly(torch.randn(32, 16)))

# raises: RuntimeError: Boolean value of Tensor with more than one value is ambiguous
