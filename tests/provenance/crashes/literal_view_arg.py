# view() on a transposed tensor: the literal sizes passed to view are not the culprit.
# expect: q.transpose(1, 2)
# category: shape/invalid-view
# roles: input
# message: view size is not compatible with input tensor's size and stride
import torch

q = torch.randn(2, 4, 8, 16)
merged = q.transpose(1, 2).view(2, 8, 64)
