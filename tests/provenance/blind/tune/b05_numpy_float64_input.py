# Input features converted from a float64 numpy array fed to float32 Linear weights
# expect: x
# also-accept: features
# category: dtype/input-weight-mismatch
# made-at: 13
import numpy as np
import torch
import torch.nn as nn

np.random.seed(1)
features = np.random.rand(50, 10)
model = nn.Linear(10, 2)
x = torch.from_numpy(features)
logits = model(x)
print(logits.shape)

# raises: RuntimeError: mat1 and mat2 must have the same dtype, but got Double and Float
