# Prediction helper written for one sample calls int() on argmax over a whole batch
# expect: pred
# category: value/multi-element-scalar
# made-at: 16
import torch
import torch.nn as nn

torch.manual_seed(0)
LABELS = ["cat", "dog", "bird"]
model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 3))


def classify(images):
    with torch.no_grad():
        logits = model(images)
    pred = logits.argmax(dim=1)
    return LABELS[int(pred)]


print(classify(torch.rand(1, 3, 8, 8)))
print(classify(torch.rand(4, 3, 8, 8)))

# raises: ValueError: only one element tensors can be converted to Python scalars
