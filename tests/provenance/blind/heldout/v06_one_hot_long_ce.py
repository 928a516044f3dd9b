# Targets one-hot encoded with F.one_hot (int64, shape (B,C)) and passed to CrossEntropyLoss, which wants class indices
# expect: targets
# category: dtype/target-not-long
# made-at: 13
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
NUM_CLASSES = 4
x = torch.randn(20, 6)
y = torch.randint(0, NUM_CLASSES, (20,))
targets = F.one_hot(y, NUM_CLASSES)

model = nn.Linear(6, NUM_CLASSES)
loss = nn.CrossEntropyLoss()(model(x), targets)
loss.backward()

# raises: RuntimeError: Expected floating point type for target with class probabilities, got Long
