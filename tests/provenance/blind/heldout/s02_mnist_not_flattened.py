# MNIST-style images of shape (B,1,28,28) are fed to an MLP whose first Linear expects 784 flattened features
# expect: images
# category: shape/matmul-mismatch
# made-at: 14
import torch
import torch.nn as nn

torch.manual_seed(0)
model = nn.Sequential(
    nn.Linear(784, 256),
    nn.ReLU(),
    nn.Linear(256, 10),
)
images = torch.rand(32, 1, 28, 28)
labels = torch.randint(0, 10, (32,))
loss = nn.functional.cross_entropy(model(images), labels)
loss.backward()

# raises: RuntimeError: mat1 and mat2 shapes cannot be multiplied (896x28 and 784x256)
